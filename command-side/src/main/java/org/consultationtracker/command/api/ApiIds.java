package org.consultationtracker.command.api;

import java.util.UUID;

/** Ids of new things: the client's own when it sent one (so a retry names the same thing), else a fresh UUID. */
final class ApiIds {

    /** Letters, digits, dot, underscore and dash; 1 to 100 characters, starting with a letter or digit. */
    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String PATTERN_MESSAGE =
            "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private ApiIds() {
    }

    static String orNew(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }
}
