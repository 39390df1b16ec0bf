package org.consultationtracker.command.api;

import java.util.UUID;

/** Ids of new things: the client's own when it sent one (so a retry names the same thing), else a fresh UUID. */
final class ApiIds {

    private ApiIds() {
    }

    static String orNew(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }
}
