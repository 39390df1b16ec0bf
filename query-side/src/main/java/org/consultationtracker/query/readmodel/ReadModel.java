package org.consultationtracker.query.readmodel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The read models of the query side. Each is built by its own processing group (named like the model) into its own
 * collections; {@link Generations} maps a model to the generation of collections the queries currently read.
 */
public enum ReadModel {
    PARTICIPANTS("participants", List.of("participants", "stakeholder_groups", "participant_pseudonyms")),
    AGENDA("agenda", List.of("agendas", "agenda_list")),
    PARTICIPATION("participation", List.of("participation_sessions", "participation_conversations")),
    AUDIT_TRAIL("audit-trail", List.of("trail_participants", "trail_keypoints", "trail_sections",
                                        "trail_conversations", "trail_themes", "trail_ideas",
                                        "trail_reports", "trail_agendas", "trail_report_outlines",
                                        "trail_consultation_reports", "trail_cited_ideas",
                                        "trail_consultations", "trail_rosters", "trail_contributions")),
    COVERAGE("coverage", List.of("coverage_participants", "coverage_keypoints", "coverage_sections",
                                  "coverage_conversations", "coverage_themes", "coverage_agendas",
                                  "coverage_report_outlines", "coverage_consultation_reports",
                                  "coverage_cited_ideas", "coverage_stream_keys", "coverage_stream_postings",
                                  "coverage_stream_places", "coverage_stream_speakers",
                                  "coverage_contributions")),
    AUDIT_LOG("audit-log", List.of("audit_log", "audit_log_keys", "audit_log_postings",
                                   "audit_log_anonymous_key_points", "audit_log_conversation_sessions")),
    PROVENANCE("provenance", List.of("prov_keypoints", "prov_conversations", "prov_themes", "prov_sections",
                                     "prov_reports", "prov_versions", "prov_participants", "prov_ideas",
                                     "prov_contributions", "prov_feedback")),
    REPORT("report", List.of("report_reports", "report_versions", "report_sections", "report_themes")),
    SESSION_FEEDBACK("session-feedback", List.of("session_feedback", "session_feedback_sessions",
                                                 "session_feedback_sections", "session_feedback_reports",
                                                 "session_feedback_contributors"));

    private final String id;
    private final List<String> collections;

    ReadModel(String id, List<String> collections) {
        this.id = id;
        this.collections = collections;
    }

    /** The name used in the API, in configuration and as the processing group. */
    public String id() {
        return id;
    }

    public String processingGroup() {
        return id;
    }

    /** Logical collection names; the stored ones carry the generation as a suffix. */
    public List<String> collections() {
        return collections;
    }

    public static Optional<ReadModel> byId(String id) {
        return Arrays.stream(values()).filter(model -> model.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ReadModel::id).toList();
    }
}
