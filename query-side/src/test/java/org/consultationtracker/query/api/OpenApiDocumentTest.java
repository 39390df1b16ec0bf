package org.consultationtracker.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Keeps docs/openapi/query-side.json equal to what the service serves at /v3/api-docs, as the command side's test of
 * the same name does for its document (the role-matrix system test reads both). When the API changes, refresh the
 * committed file with:
 * {@code ./mvnw -pl query-side -am test -Dtest=OpenApiDocumentTest -Dopenapi.refresh=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuerySideTest
@AutoConfigureMockMvc
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi", "query-side.json");
    private static final String REFRESH = "./mvnw -pl query-side -am test -Dtest=OpenApiDocumentTest "
            + "-Dopenapi.refresh=true -Dsurefire.failIfNoSpecifiedTests=false";

    @Autowired
    private MockMvc mvc;

    @Test
    void theCommittedOpenApiDescriptionMatchesWhatTheServiceServes() throws Exception {
        String served = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        JsonNode servedTree = mapper.readTree(served);
        assertThat(servedTree.at("/paths").has("/api/agendas/{agendaId}")).isTrue();
        assertThat(servedTree.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");

        boolean refresh = Boolean.getBoolean("openapi.refresh");
        if (refresh || !Files.exists(COMMITTED)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, mapper.writeValueAsString(mapper.treeToValue(servedTree, Object.class)) + "\n");
            assertThat(refresh).as(COMMITTED + " was missing and has been written; commit it").isTrue();
            return;
        }
        JsonNode committed = mapper.readTree(Files.readString(COMMITTED));
        assertThat(committed)
                .as("docs/openapi/query-side.json is out of date with the API; refresh it with: " + REFRESH)
                .isEqualTo(servedTree);
    }
}
