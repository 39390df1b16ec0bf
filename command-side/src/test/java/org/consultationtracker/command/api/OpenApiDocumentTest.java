package org.consultationtracker.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.consultationtracker.command.lookup.CitableRecords;
import org.consultationtracker.command.lookup.Timetable;
import org.consultationtracker.command.participant.privacy.ParticipantKeyVault;
import org.consultationtracker.command.participant.privacy.PersonalDataReader;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Keeps docs/openapi/command-side.json equal to what the service serves at /v3/api-docs. When the API changes, refresh
 * the committed file with:
 * {@code ./mvnw -pl command-side -am test -Dtest=OpenApiDocumentTest -Dopenapi.refresh=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@WebMvcTest(properties = "spring.config.name=command-side")
@Import({WebLayerTestConfiguration.class, OpenApiConfiguration.class})
@ImportAutoConfiguration({SpringDocConfiguration.class, SpringDocConfigProperties.class,
        SpringDocWebMvcConfiguration.class})
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi", "command-side.json");
    private static final String REFRESH = "./mvnw -pl command-side -am test -Dtest=OpenApiDocumentTest "
            + "-Dopenapi.refresh=true -Dsurefire.failIfNoSpecifiedTests=false";

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private CommandGateway commandGateway;
    @MockitoBean
    private ParticipantKeyVault keyVault;
    @MockitoBean
    private Timetable timetable;
    @MockitoBean
    private CitableRecords citableRecords;
    @MockitoBean
    private PersonalDataReader personalDataReader;
    @MockitoBean
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    @Test
    void theCommittedOpenApiDescriptionMatchesWhatTheServiceServes() throws Exception {
        String served = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        JsonNode servedTree = mapper.readTree(served);
        assertThat(servedTree.at("/paths").has("/api/agendas/{agendaId}/merges")).isTrue();
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
                .as("docs/openapi/command-side.json is out of date with the API; refresh it with: " + REFRESH)
                .isEqualTo(servedTree);
    }
}
