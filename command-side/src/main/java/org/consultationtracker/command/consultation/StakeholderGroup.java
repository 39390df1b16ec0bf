package org.consultationtracker.command.consultation;

import java.util.List;

/** A group whose voices a consultation counts separately. Data, so each consultation can define its own. */
public record StakeholderGroup(String groupId, String name) {

    /** The groups of the Bridge the Gap events, used when a consultation starts without naming any. */
    public static final List<StakeholderGroup> DEFAULT_SET = List.of(
            new StakeholderGroup("care-experienced-young-people", "Care-experienced young people"),
            new StakeholderGroup("care-experienced-adults", "Care-experienced adults"),
            new StakeholderGroup("birth-parents-and-families", "Birth parents and families"),
            new StakeholderGroup("kinship-carers-and-special-guardians", "Kinship carers and special guardians"),
            new StakeholderGroup("foster-carers", "Foster carers"),
            new StakeholderGroup("adoptive-parents", "Adoptive parents"),
            new StakeholderGroup("social-workers", "Social workers"),
            new StakeholderGroup("other-professionals", "Other professionals"));
}
