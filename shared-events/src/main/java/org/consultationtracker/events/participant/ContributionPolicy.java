package org.consultationtracker.events.participant;

/** What happens to a participant's attributed contributions when they are erased. */
public enum ContributionPolicy {
    /**
     * Their words stay readable and citable, but nothing links them to a person any more: the identity key
     * (name, contact, self-description) is destroyed; the words key is kept. Read models show "an erased participant"
     * with their stakeholder groups, so counts and the structure of the trail remain.
     */
    KEEP_WORDS_DROP_IDENTITY,
    /**
     * Both the identity key and the words key are destroyed: every text attributed to them becomes unreadable for ever.
     * The key points remain as structure (counted, with their kind and fate) but without words.
     */
    WITHDRAW_WORDS
}
