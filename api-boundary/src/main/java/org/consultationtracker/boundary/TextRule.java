package org.consultationtracker.boundary;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The rule every text taken in at the API edge obeys, and its normal form.
 * <ul>
 *   <li><b>Valid Unicode</b>: no lone (unpaired) UTF-16 surrogate, which no store can hold as UTF-8 and which would
 *   come back as U+FFFD, so what was accepted would not be what is kept.</li>
 *   <li><b>No control characters but newline and tab</b>: C0 controls (including NUL and carriage return), DEL and
 *   the C1 controls are refused; they carry no words and can hide text from a reader.</li>
 *   <li><b>No noncharacters</b> (U+FDD0..U+FDEF and every code point ending in FFFE or FFFF): Unicode reserves them
 *   for internal use, never for interchange.</li>
 *   <li><b>Normal form C</b>: accepted text is stored in NFC, so the same words typed on two keyboards are the same
 *   string. NFC changes no visible character.</li>
 * </ul>
 */
public final class TextRule {

    /** The rule in one sentence, as the API documentation and problem responses state it. */
    public static final String STATEMENT = "must be valid Unicode text: no lone surrogates, no control characters "
            + "other than newline and tab, no noncharacters";

    private TextRule() {
    }

    /** Why {@code text} breaks the rule (naming the first offending character and where it is), or empty. */
    public static Optional<String> violation(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(codePoint)) {
                    return Optional.of(broken("the noncharacter " + hex(codePoint), i));
                }
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(broken("a lone surrogate " + hex(c) + " (not valid Unicode)", i));
            }
            if (isForbiddenControl(c)) {
                return Optional.of(broken("the control character " + hex(c)
                        + " (only newline and tab are allowed)", i));
            }
            if (isNoncharacter(c)) {
                return Optional.of(broken("the noncharacter " + hex(c), i));
            }
            i++;
        }
        return Optional.empty();
    }

    /** The text in normal form C. */
    public static String normalised(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String broken(String what, int index) {
        return "contains " + what + " at character " + (index + 1) + "; text " + STATEMENT;
    }

    private static String hex(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
