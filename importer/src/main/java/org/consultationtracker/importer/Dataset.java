package org.consultationtracker.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of the dataset (docs/dataset.md) the importer replays. Unknown fields are ignored: the dataset carries
 * far more (line numbers, cues, notes) than the command API has a place for. {@code null} always means "the report
 * does not say".
 */
public record Dataset(int schemaVersion, Source source, ConsultationPart consultation, SessionPart session,
                      Announced announced, List<Round> rounds, List<Participant> participants,
                      List<Proposal> proposals, List<JsonNode> merges, List<Conversation> conversations,
                      List<Theme> themes, List<ReportSection> reportSections) {

    /** The dataset bundled in this jar. */
    public static final String BUNDLED_RESOURCE = "/dataset/create-open-space.json";

    public static final String UNKNOWN_GROUP = "unknown";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public record Source(String file, String sha256, String title) {
    }

    public record Text(String text) {
    }

    public record Engagement(String name) {
    }

    public record ConsultationPart(String title, Engagement engagement, Text bigQuestion) {
    }

    public record Hours(Integer hours) {
    }

    public record FeedbackQuote(String id, String text, boolean verbatim, String attributedTo) {
    }

    public record SessionPart(String kind, String title, String date, Text framingQuestion, Hours duration,
                              List<FeedbackQuote> feedbackQuotes) {
    }

    /** A number as the report gives it, with the sentences that say it. */
    public record Count(Integer count, List<Quote> asWritten) {
    }

    public record Quote(String text, Integer line) {
    }

    public record RoundQuote(String asWritten, Integer count, Integer line) {
    }

    public record Summarised(Integer total, List<Integer> perRound) {
    }

    public record Architecture(Integer rounds, Integer concurrentPerRound, Integer minutesPerConversation) {
    }

    public record Announced(Count agenda, Architecture architecture, List<Integer> perRound,
                            List<RoundQuote> perRoundAsWritten, Summarised summarised) {
    }

    public record Minutes(Integer minutes) {
    }

    public record SlotLength(Integer slotMinutes) {
    }

    public record Rooms(Integer capacity, Integer used) {
    }

    public record Round(int number, List<String> conversationIds, Minutes durationMinutes, SlotLength assumed,
                       Rooms rooms) {
    }

    public record Mention(String conversation, String role) {
    }

    public record Participant(String id, String pseudonym, List<String> stakeholderGroups,
                              List<String> stakeholderGroupOneOf, String roleAsWritten, List<Mention> mentionedIn) {

        /** Nothing in the report says who this is: no role words, no group. */
        boolean undescribed() {
            return roleAsWritten == null && stakeholderGroupOneOf == null
                    && List.of(UNKNOWN_GROUP).equals(stakeholderGroups);
        }
    }

    public record Proposal(String id, int round, int room, String question, String proposer, String pitch,
                           String mergedInto, String conversationId) {
    }

    /**
     * @param total    the number of participants when the wording fixes it; null when it leaves open whether the
     *                 proposer is counted (then {@code totalMin}..{@code totalMax}, max null if open-ended)
     */
    public record ParticipantCount(String asWritten, Integer stated, Integer total, Integer totalMin, Integer totalMax,
                                   String basis) {
    }

    public record AttendeeRole(String asWritten, Integer count, List<String> participants) {
    }

    public record KeyPoint(String id, String kind, boolean verbatim, String text, String attributedTo) {
    }

    public record Conversation(String id, int round, int room, String proposalId, String question, String host,
                               ParticipantCount participantCount, List<AttendeeRole> attendeeRoles, String summary,
                               List<KeyPoint> keyPoints) {
    }

    public record Theme(String id, String source, String title, String wording, List<String> linkedKeyPoints) {
    }

    public record Cite(String ref, String basis) {
    }

    public record SectionItem(String id, String text, List<Cite> cites) {
    }

    public record ReportSection(String id, String title, String partOf, String text, List<SectionItem> items) {
    }

    public static Dataset bundled() {
        try (InputStream in = Dataset.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled dataset " + BUNDLED_RESOURCE + " is missing");
            }
            return MAPPER.readValue(in, Dataset.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled dataset", e);
        }
    }

    public static Dataset read(Path file) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), Dataset.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset " + file, e);
        }
    }

    public Round round(int number) {
        return rounds.stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the dataset has no round " + number));
    }

    public Conversation conversation(String id) {
        return conversations.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the dataset has no conversation " + id));
    }

    public List<Conversation> conversationsOf(int round) {
        return round(round).conversationIds().stream().map(this::conversation).toList();
    }
}
