package org.consultationtracker.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.importer.AttendancePlan.Room;
import org.consultationtracker.importer.Dataset.Conversation;
import org.consultationtracker.importer.Dataset.Participant;
import org.consultationtracker.importer.ImportPlan.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportPlanTest {

    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final Dataset dataset = Dataset.bundled();
    private final ImportPlan plan = plan(dataset);

    private static ImportPlan plan(Dataset dataset) {
        return new ImportPlan(dataset, new AssumedTimeline(AssumedTimeline.DEFAULT_EVENT_DATE, 6));
    }

    @Test
    void everyPartOfTheDatasetBecomesItsRequests() {
        Map<String, Integer> counts = plan.countsByKind();
        int keyPoints = dataset.conversations().stream().mapToInt(c -> c.keyPoints().size()).sum();
        assertThat(keyPoints).isEqualTo(458);
        assertThat(counts).containsEntry("consultation", 1).containsEntry("stakeholder-group", 1)
                .containsEntry("session", 1).containsEntry("participant", 97).containsEntry("framing-question", 1)
                .containsEntry("grid", 1).containsEntry("announcement", 1).containsEntry("proposal", 41).containsEntry("schedule", 41)
                .containsEntry("round", 6).containsEntry("start", 41).containsEntry("key-point", keyPoints)
                .containsEntry("summary", 41).containsEntry("report", 1).containsEntry("theme", 15)
                .containsEntry("section", 7).containsEntry("publication", 1).containsEntry("feedback", 1)
                .doesNotContainKey("tag"); // the dataset links no key point to a theme (D-38)
        int joins = counts.getOrDefault("attendance", 0) + counts.getOrDefault(ImportPlan.DERIVED_ATTENDANCE, 0);
        int places = plan.attendance().rooms().stream().mapToInt(Room::number).sum();
        assertThat(joins).isEqualTo(places - 41);
        assertThat(counts.get("attendance")).isEqualTo(10); // p-042..p-051, the attendees described by role
    }

    @Test
    void theFeedbackQuoteIsTheSessionsAnonymousVerbatimFeedbackGivenBeforeTheReportCitesIt() {
        List<Step> steps = plan.steps();
        Step feedback = steps.stream().filter(s -> s.id().equals("feedback:fb-01")).findFirst().orElseThrow();
        assertThat(feedback.method()).isEqualTo("POST");
        assertThat(feedback.path()).isEqualTo("/api/consultations/" + ImportPlan.CONSULTATION_ID + "/sessions/"
                                                      + ImportPlan.AGENDA_ID + "/feedback");
        assertThat(feedback.body().get("text").asText()).isEqualTo(
                dataset.session().feedbackQuotes().get(0).text());
        assertThat(feedback.body().get("verbatim").asBoolean()).isTrue();
        assertThat(feedback.body().has("contributorId")).as("anonymous in the dataset").isFalse();
        Step citing = steps.stream().filter(s -> s.id().equals("section:rs-00")).findFirst().orElseThrow();
        assertThat(feedback.phase()).isLessThan(citing.phase());
    }

    @Test
    void whatTheReportAnnouncedIsSentAsWritten() {
        Step step = plan.steps().stream().filter(s -> s.id().equals("announcement")).findFirst().orElseThrow();
        assertThat(step.method()).isEqualTo("POST");
        assertThat(step.path()).isEqualTo("/api/agendas/" + ImportPlan.AGENDA_ID + "/announcements");
        assertThat(step.body().get("announcedConversations").asInt()).isEqualTo(42);
        assertThat(step.body().get("announcedPerRound").toString()).isEqualTo("[15,15,14]");
        assertThat(step.body().get("asWritten").asText())
                .contains("participants created an agenda of 42 conversations")
                .contains("a further 15 solution-focused conversations");
        assertThat(step.idempotencyKey()).isEqualTo("dataset:create-open-space:announcement");
    }

    @Test
    void idsAndIdempotencyKeysAreValidUniqueAndStable() {
        Set<String> keys = new HashSet<>();
        for (Step step : plan.steps()) {
            assertThat(keys.add(step.idempotencyKey())).as(step.idempotencyKey()).isTrue();
            assertThat(step.idempotencyKey()).startsWith("dataset:create-open-space:").hasSizeLessThanOrEqualTo(200);
            ObjectNode body = step.body();
            for (String idField : List.of("consultationId", "sessionId", "participantId", "proposalId", "keyPointId",
                    "reportId", "themeId", "sectionId")) {
                if (body.has(idField)) {
                    assertThat(body.get(idField).asText()).as(step.id() + " " + idField).matches(ID_PATTERN);
                }
            }
        }
        List<String> again = plan(Dataset.bundled()).steps().stream()
                .map(s -> s.method() + s.path() + s.idempotencyKey() + s.body()).toList();
        assertThat(again).isEqualTo(plan.steps().stream()
                .map(s -> s.method() + s.path() + s.idempotencyKey() + s.body()).toList());
    }

    @Test
    void concurrentLanesNeverShareAnAggregateAndPhasesKeepTheEventsOrder() {
        List<String> phaseKinds = new java.util.ArrayList<>();
        int steps = 0;
        for (List<List<Step>> phase : plan.phases()) {
            Set<String> aggregates = new HashSet<>();
            for (List<Step> lane : phase) {
                steps += lane.size();
                Set<String> inLane = lane.stream().map(ImportPlanTest::aggregateOf).collect(Collectors.toSet());
                assertThat(inLane).as("one aggregate per lane: " + lane.get(0).lane()).hasSize(1);
                assertThat(aggregates.add(inLane.iterator().next())).as(lane.get(0).lane()).isTrue();
            }
            phaseKinds.add(phase.get(0).get(0).id().split(":")[0] + "x" + phase.size());
        }
        assertThat(steps).isEqualTo(plan.steps().size());
        assertThat(phaseKinds).containsExactly("consultationx1", "participantx97", "framing-questionx1",
                "roundx1", "startx15", "roundx1", "roundx1", "startx13", "roundx1", "roundx1", "startx13", "roundx1",
                "feedbackx1", "reportx1");
        // within a conversation's lane: start, then joins, then key points, then the summary
        for (List<Step> lane : plan.phases().get(4)) {
            List<String> kinds = lane.stream().map(s -> s.id().split(":")[0]).distinct().toList();
            assertThat(kinds.get(0)).isEqualTo("start");
            assertThat(kinds.get(kinds.size() - 1)).isEqualTo("summary");
        }
    }

    /** The aggregate a request addresses, from its path or (for creations) its body. */
    private static String aggregateOf(Step step) {
        if (step.path().endsWith("/feedback")) {
            return "feedback/" + step.body().get("feedbackId").asText(); // each feedback is its own aggregate
        }
        String[] parts = step.path().split("/");
        if (parts.length > 3) {
            return parts[2] + "/" + parts[3];
        }
        String id = step.body().has("participantId") ? step.body().get("participantId").asText()
                : step.body().has("reportId") ? step.body().get("reportId").asText()
                : step.body().get("consultationId").asText();
        return parts[2] + "/" + id;
    }

    @Test
    void attendanceMatchesTheDatasetsNumbersAndNobodyIsInTwoRoomsOfARound() {
        Map<String, Participant> participants = dataset.participants().stream()
                .collect(Collectors.toMap(Participant::id, p -> p));
        Map<Integer, Set<String>> seenPerRound = new HashMap<>();
        for (Conversation conversation : dataset.conversations()) {
            Room room = plan.attendance().room(conversation.id());
            Dataset.ParticipantCount count = conversation.participantCount();
            int present = 1 + room.attendees().size();
            assertThat(present).as(conversation.id()).isEqualTo(room.number());
            if (count.total() != null) {
                assertThat(present).as(conversation.id()).isEqualTo(count.total());
            } else {
                assertThat(present).as(conversation.id()).isGreaterThanOrEqualTo(count.totalMin());
                if (count.totalMax() != null) {
                    assertThat(present).as(conversation.id()).isLessThanOrEqualTo(count.totalMax());
                }
            }
            assertThat(room.hostId()).isEqualTo(conversation.host());
            List<String> described = conversation.attendeeRoles().stream()
                    .flatMap(r -> r.participants().stream()).toList();
            assertThat(room.describedAttendees()).isEqualTo(described);
            for (String id : room.derivedAttendees()) {
                assertThat(participants.get(id).undescribed()).as(id + " in " + conversation.id()).isTrue();
            }
            Set<String> seen = seenPerRound.computeIfAbsent(conversation.round(), r -> new HashSet<>());
            assertThat(seen.add(room.hostId())).as(room.hostId()).isTrue();
            for (String id : room.attendees()) {
                assertThat(seen.add(id)).as(id + " twice in round " + conversation.round()).isTrue();
            }
        }
        // The open counts: r1-c09 names three attendees besides its proposer (4, the upper bound); the others
        // take the lower bound; r2-c06 ("joined the proposers") takes its 3.
        assertThat(plan.attendance().room("r1-c09").number()).isEqualTo(4);
        assertThat(plan.attendance().room("r1-c01").number()).isEqualTo(8);
        assertThat(plan.attendance().room("r2-c06").number()).isEqualTo(3);
        assertThat(plan.attendance().rooms().stream().filter(r -> r.round() == 1).mapToInt(Room::number).sum())
                .isEqualTo(73);
    }

    @Test
    void everyKeyPointKeepsItsKindWordsQuoteFlagAndAttribution() {
        Map<String, JsonNode> sent = new HashMap<>();
        plan.steps().stream().filter(s -> s.id().startsWith("key-point:"))
                .forEach(s -> sent.put(s.body().get("keyPointId").asText(), s.body()));
        for (Conversation conversation : dataset.conversations()) {
            for (Dataset.KeyPoint keyPoint : conversation.keyPoints()) {
                JsonNode body = sent.get(keyPoint.id());
                assertThat(body.get("kind").asText()).isEqualTo(keyPoint.kind().toUpperCase());
                assertThat(body.get("text").asText()).isEqualTo(keyPoint.text());
                assertThat(body.get("verbatim").asBoolean()).isEqualTo(keyPoint.verbatim());
                assertThat(body.has("attributedTo")).isEqualTo(keyPoint.attributedTo() != null);
            }
        }
        assertThat(sent).hasSize(458);
        assertThat(sent.values().stream().filter(b -> b.has("attributedTo"))).hasSize(5);
    }

    @Test
    void eachCitedPassageIsFollowedByTheAnchorsOfWhatItCites() {
        Map<String, Dataset.SectionItem> items = new HashMap<>();
        dataset.reportSections().forEach(section -> section.items().forEach(item -> items.put(item.id(), item)));
        Step first = plan.steps().stream().filter(s -> s.id().equals("section:rs-00")).findFirst().orElseThrow();
        String text = first.body().get("text").asText();
        List<String> targets = new ArrayList<>();
        first.body().get("citations").forEach(c -> targets.add(c.get("targetId").asText()));
        // rs-00-i04 cites conversation r3-c10; the anchor after it names that citation's place in the list
        String passage = items.get("rs-00-i04").text();
        assertThat(text).contains(passage + "[^" + (targets.indexOf("r3-c10") + 1) + "]");
        // fb-01 is cited as the session's feedback: the passage it follows carries its anchor
        assertThat(text).contains(items.get("rs-00-i07").text() + "[^" + (targets.indexOf("fb-01") + 1) + "]");
        int anchored = 0;
        for (Step step : plan.steps()) {
            if (step.id().startsWith("section:")) {
                String written = step.body().get("text").asText();
                int citations = step.body().get("citations").size();
                java.util.regex.Matcher anchor = java.util.regex.Pattern.compile("\\[\\^(\\d+)]").matcher(written);
                Set<Integer> named = new HashSet<>();
                while (anchor.find()) {
                    named.add(Integer.parseInt(anchor.group(1)));
                }
                assertThat(named).as(step.id()).allMatch(n -> n >= 1 && n <= citations);
                assertThat(named).as(step.id() + ": every citation is anchored to a passage").hasSize(citations);
                anchored += named.size();
            }
        }
        assertThat(anchored).isGreaterThan(40);
    }

    @Test
    void sectionsCiteWhatTheDatasetCitesTheFeedbackQuoteIncluded() {
        Set<String> citedKeyPoints = new HashSet<>();
        Set<String> citedConversations = new HashSet<>();
        Map<String, String> citedFeedback = new HashMap<>();
        for (Step step : plan.steps()) {
            if (step.id().startsWith("section:")) {
                for (JsonNode citation : step.body().get("citations")) {
                    switch (citation.get("kind").asText()) {
                        case "CONVERSATION" -> citedConversations.add(citation.get("targetId").asText());
                        case "SESSION_FEEDBACK" -> citedFeedback.put(citation.get("targetId").asText(), step.id());
                        default -> citedKeyPoints.add(citation.get("targetId").asText());
                    }
                }
            }
        }
        assertThat(citedKeyPoints).hasSize(42);
        assertThat(citedFeedback).as("the sentence printed before fb-01 is in the first section")
                                 .containsExactly(Map.entry("fb-01", "section:rs-00"));
        assertThat(citedConversations).contains("r3-c10", "r1-c02");
        Step closing = plan.steps().stream().filter(s -> s.id().equals("section:rs-06")).findFirst().orElseThrow();
        assertThat(closing.body().get("text").asText()).doesNotContain("[^");
        assertThat(closing.body().get("heading").asText())
                .isEqualTo("Key Solution - Focused Findings (closing paragraph)");
    }

    @Test
    void assumedTimesFitTheSessionAndKeyPointsFollowTheirConversationsStart() {
        AssumedTimeline time = new AssumedTimeline(AssumedTimeline.DEFAULT_EVENT_DATE, 6);
        for (Step step : plan.steps()) {
            if (step.body().has("occurredAt")) {
                Instant at = Instant.parse(step.body().get("occurredAt").asText());
                assertThat(at).as(step.id()).isBetween(time.setup(), time.sessionEnd());
            }
            if (step.id().startsWith("key-point:")) {
                int round = Integer.parseInt(step.id().substring("key-point:r".length(), "key-point:r".length() + 1));
                Instant at = Instant.parse(step.body().get("occurredAt").asText());
                assertThat(at).isAfter(time.conversationStart(round)).isBefore(time.roundEnd(round, 45));
            }
        }
        assertThat(time.roundEnd(1, 45)).isBefore(time.roundStart(2));
        assertThat(time.roundEnd(3, 45)).isBefore(time.sessionEnd());
    }

    @Test
    void refusesWhatItCannotReplayFaithfully(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ObjectNode json = (ObjectNode) Dataset.MAPPER.readTree(
                Dataset.class.getResourceAsStream(Dataset.BUNDLED_RESOURCE));
        json.withArray("merges").addObject().put("id", "m-1");
        Path withMerge = dir.resolve("with-merge.json");
        Files.writeString(withMerge, json.toString());
        assertThatThrownBy(() -> plan(Dataset.read(withMerge))).hasMessageContaining("merges");

        LocalDate tomorrow = LocalDate.now().plusDays(1);
        assertThatThrownBy(() -> new ImportPlan(dataset, new AssumedTimeline(tomorrow, 6)))
                .hasMessageContaining("in the past");
    }
}
