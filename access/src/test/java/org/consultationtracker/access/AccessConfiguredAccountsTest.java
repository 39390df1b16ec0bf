package org.consultationtracker.access;

import org.junit.jupiter.api.Test;

import static org.consultationtracker.access.Instance.bearer;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sessions outlive a restart, the configuration they were opened under need not: after a restart with a changed
 * user list, a removed account's sessions end and a changed account's sessions carry its roles as configured now.
 */
class AccessConfiguredAccountsTest {

    private static final String ADMIN_HASH = "$2a$04$LkBKGZ4xJzATDtqi/5ImE.u2ZWkOEcSpF3jne6qe61UpnaeZ3ZLDy";
    private static final String FIONA_HASH = "$2a$04$NfiC1hC1eh05oJp1zFwn.u1y.Nbi0shaWDbe5P38PzjnnhOriomf2";

    @Test
    void aRestartWithAChangedUserListChangesLiveSessions() throws Exception {
        String database = TestMongo.freshDatabase();
        TestClock clock = new TestClock();
        String rita;
        String fiona;
        try (Instance before = Instance.start(database, clock)) {
            rita = before.token("rita", "reviewer-pass");
            fiona = before.token("fiona", "facilitator-pass");
            before.mvc.perform(post("/api/things").header("Authorization", bearer(fiona)))
                    .andExpect(status().isCreated());
        }

        // The whole list is replaced (Spring binds a list as a replacement): rita removed, fiona now a reviewer.
        try (Instance after = Instance.start(database, clock,
                "consultation.security.users[0].username=admin",
                "consultation.security.users[0].password-hash=" + ADMIN_HASH,
                "consultation.security.users[0].roles[0]=ADMIN",
                "consultation.security.users[1].username=fiona",
                "consultation.security.users[1].password-hash=" + FIONA_HASH,
                "consultation.security.users[1].roles[0]=REVIEWER")) {
            after.mvc.perform(get("/api/things").header("Authorization", bearer(rita)))
                    .andExpect(status().isUnauthorized());
            after.mvc.perform(get("/api/things").header("Authorization", bearer(fiona)))
                    .andExpect(status().isOk());
            after.mvc.perform(post("/api/things").header("Authorization", bearer(fiona)))
                    .andExpect(status().isForbidden());
            after.mvc.perform(get("/api/session").header("Authorization", bearer(fiona)))
                    .andExpect(jsonPath("$.roles", contains("REVIEWER")));
        }
    }
}
