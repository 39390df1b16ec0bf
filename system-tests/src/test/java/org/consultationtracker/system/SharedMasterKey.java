package org.consultationtracker.system;

import org.consultationtracker.eventstore.privacy.LocalMasterKey;

import java.util.Base64;

/**
 * The master key the services of one test run share, as {@code ./run}'s two services share one key file: each
 * service given a random key of its own could not open what the other sealed.
 */
final class SharedMasterKey {

    static final String BASE64 = Base64.getEncoder().encodeToString(LocalMasterKey.generate());

    private SharedMasterKey() {
    }
}
