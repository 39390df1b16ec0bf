package org.consultationtracker.events.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of how a report section's text is addressed by sentence, used by the command side (which refuses
 * an anchor that points at no citation), the query side (which traces each sentence to the voices behind it) and the
 * importer (which writes the anchors).
 *
 * <p><b>Citation anchors.</b> A writer places {@code [^n]} after the sentence it supports, where {@code n} is the
 * 1-based index of a citation in the section's {@code citations}. Several anchors may follow one sentence
 * ({@code [^1][^3]}). A citation no anchor names supports the whole section, so every sentence.
 *
 * <p><b>Sentences.</b> The text splits after a sentence end ({@code .}, {@code !}, {@code ?} or {@code …}, with any
 * closing quotes or brackets and the anchors after it) that is followed by white space and then something other than
 * a lowercase letter ("e.g. the" does not end a sentence), and at every line break. Sentences are numbered from 1 in
 * text order; a sentence's text is shown without its anchors.
 */
public final class SectionSentences {

    /** An anchor: {@code [^} digits {@code ]}. */
    public static final Pattern ANCHOR = Pattern.compile("\\[\\^(\\d+)]");

    /** A sentence end with what belongs to it, or a line break. */
    private static final Pattern END = Pattern.compile(
            "[.!?…]+[\"'”’»)\\]]*(?:\\s*\\[\\^\\d+])*(?=\\s++(?!\\p{Ll})|\\s*$)|\\R+");

    private SectionSentences() {
    }

    /**
     * One sentence of a section's text.
     *
     * @param index     1-based, in text order
     * @param text      the sentence as written, without its anchors
     * @param citations the citation numbers its anchors name (1-based indexes into the section's citations), in the
     *                  order they first appear
     * @param startsParagraph whether a line break comes before it (the first sentence starts one too)
     */
    public record Sentence(int index, String text, List<Integer> citations, boolean startsParagraph) {
    }

    /** The sentences of a section's text, in order; an empty or blank text has none. */
    public static List<Sentence> of(String text) {
        List<Sentence> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        Matcher end = END.matcher(text);
        int start = 0;
        boolean afterBreak = true;
        while (end.find()) {
            add(text.substring(start, end.end()), afterBreak, sentences);
            afterBreak = end.group().chars().anyMatch(c -> c == '\n' || c == '\r');
            start = end.end();
        }
        add(text.substring(start), afterBreak, sentences);
        return sentences;
    }

    /**
     * The anchor numbers in the text, in the order they first appear; a number too long for an int is returned as
     * {@link Integer#MAX_VALUE} (it names no citation either way).
     */
    public static List<Integer> anchorsIn(String text) {
        Set<Integer> anchors = new LinkedHashSet<>();
        if (text != null) {
            Matcher anchor = ANCHOR.matcher(text);
            while (anchor.find()) {
                String digits = anchor.group(1).replaceFirst("^0+(?=\\d)", "");
                anchors.add(digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits));
            }
        }
        return new ArrayList<>(anchors);
    }

    /** The first anchor that names no citation of a section with {@code citationCount} citations, or null. */
    public static Integer danglingAnchor(String text, int citationCount) {
        for (int anchor : anchorsIn(text)) {
            if (anchor < 1 || anchor > citationCount) {
                return anchor;
            }
        }
        return null;
    }

    /**
     * The citation numbers (1-based) no anchor names: they support the whole section.
     */
    public static List<Integer> wholeSectionCitations(String text, int citationCount) {
        Set<Integer> anchored = new LinkedHashSet<>(anchorsIn(text));
        List<Integer> whole = new ArrayList<>();
        for (int number = 1; number <= citationCount; number++) {
            if (!anchored.contains(number)) {
                whole.add(number);
            }
        }
        return whole;
    }

    /** The text without its anchors, as a reader sees it. */
    public static String withoutAnchors(String text) {
        return text == null ? null : ANCHOR.matcher(text).replaceAll("");
    }

    private static void add(String piece, boolean afterBreak, List<Sentence> sentences) {
        List<Integer> citations = anchorsIn(piece);
        String shown = withoutAnchors(piece).strip();
        if (shown.isEmpty()) {
            if (!citations.isEmpty() && !sentences.isEmpty()) {
                // anchors alone after a break still belong to the sentence before them
                Sentence last = sentences.remove(sentences.size() - 1);
                Set<Integer> merged = new LinkedHashSet<>(last.citations());
                merged.addAll(citations);
                sentences.add(new Sentence(last.index(), last.text(), new ArrayList<>(merged), last.startsParagraph()));
            }
            return;
        }
        sentences.add(new Sentence(sentences.size() + 1, shown, citations, afterBreak || sentences.isEmpty()));
    }
}
