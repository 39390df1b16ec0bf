package org.consultationtracker.eventstore.privacy;

import java.util.Optional;

/**
 * The master key that wraps new keys, and during a rotation the previous one, which only unwraps what it wrapped
 * until everything is re-wrapped under the current key.
 */
public record MasterKeys(MasterKey current, Optional<MasterKey> previous) {

    public MasterKeys {
        if (previous.isPresent() && previous.get().id().equals(current.id())) {
            throw new MasterKeyException("the previous master key is the current one (" + current.id()
                                         + "): a rotation needs a new current key");
        }
    }

    public static MasterKeys of(MasterKey current) {
        return new MasterKeys(current, Optional.empty());
    }

    public static MasterKeys rotating(MasterKey previous, MasterKey current) {
        return new MasterKeys(current, Optional.of(previous));
    }

    /** The configured master key with this id, if it is either. */
    public Optional<MasterKey> byId(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.filter(key -> key.id().equals(id));
    }
}
