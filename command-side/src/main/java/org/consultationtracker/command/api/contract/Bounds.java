package org.consultationtracker.command.api.contract;

import java.time.Duration;
import java.time.Instant;

/**
 * The numbers of the command API's input contract, in one place; docs/api.md ("Input contract") and the OpenAPI
 * description state the same. Texts are counted in Unicode characters (code points) after normalisation to NFC.
 * The text maxima leave ample room: the longest quote in the reference dataset has 447 characters, the longest
 * conversation summary 2,722 and the longest report section 1,820.
 */
public final class Bounds {

    /** Ids: letters, digits, '.', '_' and '-', starting with a letter or digit; safe in paths and keys. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    public static final int ID_MAX = 100;
    public static final String ID_RULE =
            "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static final int PSEUDONYM_MAX = 80;
    public static final int ROOM_MAX = 100;
    public static final int NAME_MAX = 300;
    public static final int THEME_NAME_MAX = 200;
    public static final int QUESTION_MAX = 1_000;
    public static final int FRAMING_QUESTION_MAX = 2_000;
    public static final int REASON_MAX = 2_000;
    public static final int SOURCE_MAX = 1_000;
    public static final int DESCRIPTION_MAX = 4_000;
    public static final int WORDS_MAX = 10_000;
    public static final int SUMMARY_MAX = 20_000;
    public static final int SECTION_TEXT_MAX = 100_000;

    public static final int MAX_ROUNDS = 20;
    public static final int MAX_ROOMS = 100;
    public static final int MAX_SECTION_POSITION = 1_000;
    public static final int MAX_ANNOUNCED_CONVERSATIONS = 10_000;
    public static final int MAX_ANNOUNCED_PER_ROUND = 1_000;
    public static final int MAX_STAKEHOLDER_GROUPS = 50;
    public static final int MAX_GROUPS_PER_PARTICIPANT = 20;
    public static final int MAX_MERGED_PROPOSALS = 20;
    public static final int MAX_SPLIT_PARTS = 10;
    public static final int MAX_CITATIONS = 500;

    /** No recorded event happened before this: the oldest records a consultation could hold. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** How far ahead of this server's clock a client's "when it happened" may be: clocks differ a little. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far ahead a session or round may be planned. */
    public static final Duration PLANNING_HORIZON = Duration.ofDays(10 * 366);
    public static final Duration LONGEST_SESSION = Duration.ofDays(366);
    public static final Duration LONGEST_ROUND = Duration.ofHours(24);

    private Bounds() {
    }
}
