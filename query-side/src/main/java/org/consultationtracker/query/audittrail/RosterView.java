package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.participants.ParticipantDirectory.StakeholderGroup;

import java.time.Instant;
import java.util.List;

/** Pages of consultations and of the participants registered for one; {@code next} is the {@code after} of the next page. */
public final class RosterView {

    private RosterView() {
    }

    public record ConsultationPage(int total, List<Consultation> consultations, Integer next) {
    }

    /** @param position where it stands in the order consultations started (0 first): pages go "after" it */
    public record Consultation(int position, String consultationId, String title, String bigQuestion,
                               Instant startedAt, int registeredParticipants) {
    }

    public record ParticipantPage(String consultationId, String title, int total, List<Participant> participants,
                                  Integer next) {
    }

    /**
     * @param position where they stand in the order of registration (0 first): pages go "after" it
     * @param label    the pseudonym, or "an erased participant" after erasure
     */
    public record Participant(int position, String participantId, String label, boolean erased,
                              List<StakeholderGroup> stakeholderGroups) {
    }
}
