package org.consultationtracker.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin lists (parked events, their outcomes, rebuilds) page by 'after' and refuse bad paging naming the field. */
@QuerySideTest
@AutoConfigureMockMvc
class PagingParametersWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Replays replays;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void badPagingIsRefusedNamingTheField() throws Exception {
        String[][] cases = {
                {"/api/parked-events?after=agenda", "after"}, {"/api/parked-events?after=nowhere:1", "after"},
                {"/api/parked-events?size=0", "size"}, {"/api/parked-events?size=501", "size"},
                {"/api/parked-events/resolved?after=0", "after"}, {"/api/parked-events/resolved?after=x", "after"},
                {"/api/parked-events/resolved?size=501", "size"},
                {"/api/replays?after=0", "after"}, {"/api/replays?size=0", "size"},
                {"/api/replays?size=" + (Replays.MAX_PAGE_SIZE + 1), "size"}};
        for (String[] bad : cases) {
            mvc.perform(get(bad[0]).with(admin()))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
               .andExpect(jsonPath("$.parameter").value(bad[1]));
        }
    }

    @Test
    void rebuildsAreListedNewestFirstPageByPage() throws Exception {
        String first = replays.rebuild(ReadModel.PARTICIPANTS).id();
        String second = replays.rebuild(ReadModel.PARTICIPANTS).id();
        String third = replays.rebuild(ReadModel.PARTICIPANTS).id();

        List<String> walked = new ArrayList<>();
        String after = "";
        JsonNode page;
        do {
            page = read("/api/replays?size=2" + after);
            assertThat(page.get("replays").size()).isLessThanOrEqualTo(2);
            page.get("replays").forEach(replay -> walked.add(replay.get("id").asText()));
            after = "&after=" + page.get("next").asText();
        } while (!page.get("next").isNull());
        assertThat(walked).hasSize(page.get("totalReplays").asInt()).startsWith(third, second, first);
        assertThat(walked).doesNotHaveDuplicates();
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn()
                                .getResponse().getContentAsString());
    }

    private static RequestPostProcessor admin() {
        return authentication(new AccountAuthentication(new Account("admin", Set.of("ADMIN"), null, Account.LOCAL)));
    }
}
