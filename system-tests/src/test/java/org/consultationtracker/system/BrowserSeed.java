package org.consultationtracker.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small Open Space session recorded through the command API, the way a live event is: proposals (one merge, one
 * clarification, one withdrawal), a grid, a round with moves between rooms, key points of every kind, one quote edited
 * for clarity, summaries, a theme and two report sections citing what was said.
 */
final class BrowserSeed {

    static final String AGENDA = "create-bt";
    static final String SESSION_TITLE = "Create (browser test)";
    static final String STABILITY = "pr-stability";
    static final String STABILITY_QUESTION = "How do we keep children with the people they trust?";
    static final String WORKFORCE = "pr-workforce";
    static final String WORKFORCE_QUESTION = "Keeping social workers: time, support and staying power";
    static final String FAMILY = "pr-family";
    static final String EDITED_QUOTE = "k-st-1";
    static final String ORIGINAL_WORDS = "every time my social worker changed i had to tell my story again";
    static final String EDITED_WORDS = "Every time my social worker changed, I had to tell my whole story again.";
    static final String EDIT_REASON = "edited lightly for clarity";
    static final String SECTION_HEADING = "Relationships first";
    static final String NEW_PROPOSAL_QUESTION = "Can young people chair their own reviews?";

    private static final String DAY = "2021-06-12T";
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI commandApi;

    BrowserSeed(URI commandApi) {
        this.commandApi = commandApi;
    }

    void record() throws Exception {
        post("facilitator", "/api/consultations", """
                {"consultationId": "bt-gap", "title": "Bridge the Gap (browser test)",
                 "bigQuestion": "How do we make sure children grow up in loving, stable and safe families?",
                 "occurredAt": "%s08:00:00Z"}""".formatted(DAY));
        post("facilitator", "/api/consultations/bt-gap/sessions", """
                {"sessionId": "%s", "kind": "open-space", "title": "%s",
                 "startsAt": "%s09:00:00Z", "endsAt": "%s15:00:00Z", "occurredAt": "%s08:05:00Z"}"""
                .formatted(AGENDA, SESSION_TITLE, DAY, DAY, DAY));
        participant("p-ash", "Ash", "care-experienced-young-people", "AGED_18_TO_25");
        participant("p-birch", "Birch", "foster-carers", "AGED_26_AND_OVER");
        participant("p-cedar", "Cedar", "social-workers", "AGED_26_AND_OVER");
        participant("p-dune", "Dune", "birth-parents-and-families", "AGED_26_AND_OVER");
        participant("p-elm", "Elm", "kinship-carers-and-special-guardians", "AGED_26_AND_OVER");
        participant("p-fern", "Fern", "care-experienced-adults", "AGED_26_AND_OVER");
        participant("p-gale", "Gale", "other-professionals", "NOT_SAID");

        String agenda = "/api/agendas/" + AGENDA;
        post("facilitator", agenda + "/framing-question", """
                {"question": "What is the one conversation that could change children's social care?",
                 "occurredAt": "%s09:05:00Z"}""".formatted(DAY));
        put("facilitator", agenda + "/grid", """
                {"rounds": [{"round": 1, "startsAt": "%1$s10:00:00Z", "endsAt": "%1$s10:45:00Z"},
                            {"round": 2, "startsAt": "%1$s11:15:00Z", "endsAt": "%1$s12:00:00Z"}],
                 "rooms": ["Room 1", "Room 2", "Room 3"], "occurredAt": "%1$s09:06:00Z"}""".formatted(DAY));
        propose(STABILITY, "p-ash", STABILITY_QUESTION, "09:10");
        propose("pr-workers", "p-cedar", "How can social workers stay long enough to know the children?", "09:11");
        propose("pr-turnover", "p-gale", "What stops social workers leaving?", "09:12");
        propose(FAMILY, "p-dune", "How can birth families be heard early?", "09:13");
        propose("pr-kinship", "p-elm", "Support for kinship carers", "09:14");
        propose("pr-money", "p-birch", "Who pays for foster care?", "09:15");
        post("facilitator", agenda + "/merges", """
                {"mergedProposalId": "%s", "sourceProposalIds": ["pr-workers", "pr-turnover"], "question": "%s",
                 "rationale": "Both asked why workers leave", "agreedBy": ["p-cedar", "p-gale"],
                 "occurredAt": "%s09:20:00Z"}""".formatted(WORKFORCE, WORKFORCE_QUESTION, DAY));
        post("facilitator", agenda + "/proposals/pr-kinship/clarifications", """
                {"resembledProposalId": "%s", "question": "What support do kinship carers need from day one?",
                 "occurredAt": "%s09:22:00Z"}""".formatted(FAMILY, DAY));
        post("facilitator", agenda + "/proposals/pr-money/withdrawal", """
                {"reason": "The proposer joined another conversation", "occurredAt": "%s09:24:00Z"}""".formatted(DAY));
        schedule(STABILITY, 1, "Room 1");
        schedule(WORKFORCE, 1, "Room 2");
        schedule(FAMILY, 1, "Room 3");
        schedule("pr-kinship", 2, "Room 1");

        post("facilitator", agenda + "/rounds/1/open", at("10:00"));
        start(STABILITY, "p-ash", "10:01");
        start(WORKFORCE, "p-cedar", "10:02");
        start(FAMILY, "p-dune", "10:02");
        join(STABILITY, "p-birch", "10:03");
        join(STABILITY, "p-fern", "10:04");
        join(WORKFORCE, "p-gale", "10:03");
        join(FAMILY, "p-elm", "10:03");
        join(STABILITY, "p-elm", "10:20"); // a move from the family room
        leave(STABILITY, "p-birch", "10:35");

        keyPoint(STABILITY, EDITED_QUOTE, "PROBLEM", ORIGINAL_WORDS, true, null, "10:10");
        post("notetaker", "/api/conversations/" + STABILITY + "/key-points/" + EDITED_QUOTE + "/edits", """
                {"text": "%s", "reason": "%s", "occurredAt": "%s10:50:00Z"}"""
                .formatted(EDITED_WORDS, EDIT_REASON, DAY));
        keyPoint(STABILITY, "k-st-2", "SOLUTION", "Let young people keep one trusted adult through every move", true,
                 "p-ash", "10:15");
        keyPoint(STABILITY, "k-st-3", "RECOMMENDATION", "A national minimum for contact with brothers and sisters",
                 false, null, "10:30");
        keyPoint(WORKFORCE, "k-wf-1", "PROBLEM", "Caseloads leave no time for relationships", true, null, "10:12");
        keyPoint(WORKFORCE, "k-wf-2", "PROBLEM", "Agency staff come and go", true, null, "10:20");
        keyPoint(WORKFORCE, "k-wf-3", "PROBLEM", "Nobody asks why workers leave", false, null, "10:31");
        keyPoint(FAMILY, "k-fa-1", "SOLUTION", "Family group conferences before proceedings, every time", true, null,
                 "10:14");
        keyPoint(FAMILY, "k-fa-2", "QUESTION", "Who speaks for the parents?", true, null, "10:25");
        post("facilitator", agenda + "/rounds/1/close", at("10:45"));

        post("notetaker", "/api/conversations/" + STABILITY + "/summary", """
                {"summary": "Young people want the adults they trust to stay.", "citedKeyPointIds": ["%s", "k-st-2"],
                 "occurredAt": "%s11:00:00Z"}""".formatted(EDITED_QUOTE, DAY));
        post("notetaker", "/api/conversations/" + WORKFORCE + "/summary", """
                {"summary": "The group named why social workers leave.", "occurredAt": "%s11:01:00Z"}""".formatted(DAY));

        post("facilitator", "/api/reports", """
                {"reportId": "rep-bt", "consultationId": "bt-gap", "title": "Create: what we heard",
                 "occurredAt": "%s16:00:00Z"}""".formatted(DAY));
        post("facilitator", "/api/reports/rep-bt/themes", """
                {"themeId": "th-trust", "name": "Trusted relationships", "occurredAt": "%s16:05:00Z"}""".formatted(DAY));
        post("facilitator", "/api/reports/rep-bt/tags", """
                {"themeId": "th-trust", "keyPointId": "k-st-2", "occurredAt": "%s16:06:00Z"}""".formatted(DAY));
        post("facilitator", "/api/reports/rep-bt/sections", """
                {"sectionId": "s-relationships", "position": 1, "heading": "%s",
                 "text": "Children told us that every change of worker meant starting again.",
                 "citations": [{"kind": "QUOTE", "targetId": "%s"}, {"kind": "THEME", "targetId": "th-trust"}],
                 "occurredAt": "%s16:10:00Z"}""".formatted(SECTION_HEADING, EDITED_QUOTE, DAY));
        post("facilitator", "/api/reports/rep-bt/sections", """
                {"sectionId": "s-families", "position": 2, "heading": "Families heard early",
                 "text": "Families asked to be heard before decisions are made.",
                 "citations": [{"kind": "KEY_POINT", "targetId": "k-fa-1"}], "occurredAt": "%s16:12:00Z"}"""
                .formatted(DAY));
    }

    private void participant(String id, String pseudonym, String group, String ageBand) throws Exception {
        post("facilitator", "/api/participants", """
                {"participantId": "%s", "consultationId": "bt-gap", "pseudonym": "%s", "stakeholderGroupIds": ["%s"],
                 "ageBand": "%s", "name": "Test person %s", "consents": ["TAKE_PART", "BE_QUOTED"],
                 "occurredAt": "%s08:30:00Z"}""".formatted(id, pseudonym, group, ageBand, pseudonym, DAY));
    }

    private void propose(String id, String proposer, String question, String time) throws Exception {
        post("facilitator", "/api/agendas/" + AGENDA + "/proposals", """
                {"proposalId": "%s", "proposerId": "%s", "question": "%s", "occurredAt": "%s%s:00Z"}"""
                .formatted(id, proposer, question, DAY, time));
    }

    private void schedule(String proposal, int round, String room) throws Exception {
        post("facilitator", "/api/agendas/" + AGENDA + "/schedule", """
                {"proposalId": "%s", "round": %d, "room": "%s", "occurredAt": "%s09:40:00Z"}"""
                .formatted(proposal, round, room, DAY));
    }

    private void start(String conversation, String host, String time) throws Exception {
        post("facilitator", "/api/conversations/" + conversation + "/start", """
                {"hostId": "%s", "occurredAt": "%s%s:00Z"}""".formatted(host, DAY, time));
    }

    private void join(String conversation, String participant, String time) throws Exception {
        post("notetaker", "/api/conversations/" + conversation + "/participants", """
                {"participantId": "%s", "occurredAt": "%s%s:00Z"}""".formatted(participant, DAY, time));
    }

    private void leave(String conversation, String participant, String time) throws Exception {
        post("notetaker", "/api/conversations/" + conversation + "/departures", """
                {"participantId": "%s", "occurredAt": "%s%s:00Z"}""".formatted(participant, DAY, time));
    }

    private void keyPoint(String conversation, String id, String kind, String text, boolean verbatim, String speaker,
                          String time) throws Exception {
        post("notetaker", "/api/conversations/" + conversation + "/key-points", """
                {"keyPointId": "%s", "kind": "%s", "text": "%s", "verbatim": %s%s, "occurredAt": "%s%s:00Z"}"""
                .formatted(id, kind, text, verbatim, speaker == null ? "" : ", \"attributedTo\": \"" + speaker + "\"",
                           DAY, time));
    }

    private static String at(String time) {
        return "{\"occurredAt\": \"" + DAY + time + ":00Z\"}";
    }

    private void post(String user, String path, String body) throws Exception {
        send(user, HttpRequest.newBuilder(commandApi.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void put(String user, String path, String body) throws Exception {
        send(user, HttpRequest.newBuilder(commandApi.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void send(String user, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                                                          .header("Authorization", bearer(user)).build(),
                                                   HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", request.build().uri(), response.body()).isBetween(200, 201);
    }

    private String bearer(String user) {
        return SignIn.bearer(commandApi.toString().replaceAll("/+$", ""), user);
    }
}
