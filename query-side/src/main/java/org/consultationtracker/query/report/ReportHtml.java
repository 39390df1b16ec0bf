package org.consultationtracker.query.report;

import org.consultationtracker.query.audittrail.AuditTrailView.CorrectionNeeded;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.report.ReportView.ConversationRef;
import org.consultationtracker.query.report.ReportView.Edit;
import org.consultationtracker.query.report.ReportView.Footnote;
import org.consultationtracker.query.report.ReportView.Group;
import org.consultationtracker.query.report.ReportView.KeyPointWords;
import org.consultationtracker.query.report.ReportView.Section;
import org.consultationtracker.query.report.ReportView.Sentence;
import org.consultationtracker.query.report.ReportView.VersionDocument;
import org.consultationtracker.query.report.ReportView.Voice;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A version as a printable document, in XHTML (well formed, so the PDF renderer reads it too): a title page, the
 * corrections needed, each section with superscript footnote numbers after the sentences they support and its notes
 * right below it (each note opens the original words), and an appendix of every cited voice with its conversations
 * and stakeholder groups. Everything shown is escaped; characters XML cannot hold are left out.
 */
public final class ReportHtml {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
                                                                   .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            @page { size: A4; margin: 22mm 20mm 22mm 20mm;
                    @bottom-center { content: counter(page) " / " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                                     font-size: 9pt; color: #555; } }
            body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; }
            .title-page { page-break-after: always; padding-top: 60mm; }
            .title-page h1 { font-size: 24pt; margin-bottom: 6mm; }
            .title-page p { margin: 2mm 0; }
            .meta { color: #444; }
            h2 { font-size: 15pt; margin-top: 9mm; border-bottom: 1px solid #bbb; padding-bottom: 1mm; }
            sup { font-size: 7.5pt; }
            sup a { color: #1a4d8f; text-decoration: none; }
            .whole { color: #444; font-size: 9pt; }
            .notes { font-size: 8.5pt; color: #222; border-top: 1px solid #ccc; margin-top: 3mm; padding-top: 1mm; }
            .notes li { margin-bottom: 2mm; }
            .original { color: #444; }
            .withdrawn { font-style: italic; color: #666; }
            .corrections { border: 1px solid #b00; padding: 3mm; margin: 4mm 0; }
            .corrections h2 { border: none; margin-top: 0; color: #900; }
            table { border-collapse: collapse; width: 100%; font-size: 9pt; }
            th, td { border: 1px solid #ccc; padding: 1.5mm; text-align: left; vertical-align: top; }
            .appendix { page-break-before: always; }
            """;

    private ReportHtml() {
    }

    public static String render(VersionDocument document) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
            .append("<meta charset=\"utf-8\"/><title>").append(escape(document.title())).append(" — ")
            .append(escape(versionName(document))).append("</title><style>").append(STYLE)
            .append("</style></head><body>");
        titlePage(document, html);
        corrections(document.correctionsNeeded(), html);
        for (Section section : document.sections()) {
            section(section, document.footnotes(), html);
        }
        appendix(document.voices(), html);
        html.append("</body></html>\n");
        return html.toString();
    }

    static String versionName(VersionDocument document) {
        return document.versionNumber() == null ? "draft (not published)" : "version " + document.versionNumber();
    }

    private static void titlePage(VersionDocument document, StringBuilder html) {
        html.append("<div class=\"title-page\"><h1>").append(escape(document.title())).append("</h1>")
            .append("<p class=\"meta\">Consultation ").append(escape(document.consultationId())).append("</p>")
            .append("<p><strong>").append(escape(capitalised(versionName(document)))).append("</strong>");
        if (document.publishedAt() != null) {
            html.append(", published ").append(escape(WHEN.format(document.publishedAt())));
            if (document.publishedBy() != null) {
                html.append(" by ").append(escape(document.publishedBy()));
            }
        }
        html.append("</p>");
        if (document.changeNote() != null) {
            html.append("<p class=\"meta\">What changed: ").append(escape(document.changeNote())).append("</p>");
        }
        html.append("<p class=\"meta\">").append(document.sections().size()).append(" sections, ")
            .append(document.footnotes().size()).append(" citations, ").append(document.voices().size())
            .append(" cited voices (appendix)</p></div>");
    }

    private static void corrections(List<CorrectionNeeded> corrections, StringBuilder html) {
        if (corrections.isEmpty()) {
            return;
        }
        html.append("<div class=\"corrections\"><h2>Corrections needed</h2><ul>");
        for (CorrectionNeeded correction : corrections) {
            html.append("<li>Section “").append(escape(correction.heading())).append("”, key point ")
                .append(escape(correction.keyPointId())).append(": ").append(escape(correction.description()))
                .append(" (").append(escape(when(correction.occurredAt()))).append(")</li>");
        }
        html.append("</ul></div>");
    }

    private static void section(Section section, List<Footnote> footnotes, StringBuilder html) {
        html.append("<h2 id=\"section-").append(escape(section.sectionId())).append("\">")
            .append(section.position()).append(". ").append(escape(section.heading())).append("</h2>");
        if (!section.wholeSectionFootnotes().isEmpty()) {
            html.append("<p class=\"whole\">Supported throughout by ").append(calls(section.wholeSectionFootnotes()))
                .append("</p>");
        }
        boolean open = false;
        for (Sentence sentence : section.sentences()) {
            if (sentence.startsParagraph() || !open) {
                if (open) {
                    html.append("</p>");
                }
                html.append("<p>");
                open = true;
            } else {
                html.append(' ');
            }
            html.append(escape(sentence.text())).append(calls(sentence.footnotes()));
        }
        if (open) {
            html.append("</p>");
        }
        List<Footnote> own = footnotes.stream().filter(f -> f.sectionId().equals(section.sectionId())).toList();
        if (!own.isEmpty()) {
            html.append("<ol class=\"notes\" start=\"").append(own.get(0).number()).append("\">");
            for (Footnote footnote : own) {
                html.append("<li id=\"fn-").append(footnote.number()).append("\">");
                note(footnote, html);
                html.append("</li>");
            }
            html.append("</ol>");
        }
    }

    private static String calls(List<Integer> numbers) {
        return numbers.stream().map(n -> "<sup><a href=\"#fn-" + n + "\">" + n + "</a></sup>")
                      .collect(Collectors.joining("<sup>, </sup>"));
    }

    /** One footnote: the words behind the citation, in full. */
    static void note(Footnote footnote, StringBuilder html) {
        if (!footnote.found()) {
            html.append(escape(kindName(footnote.kind()))).append(' ').append(escape(footnote.targetId()))
                .append(" — not in the record");
            return;
        }
        if (footnote.keyPoint() != null) {
            html.append(footnote.kind().equals("QUOTE") ? "Quoted: " : "Key point: ");
            keyPoint(footnote.keyPoint(), html);
        } else if (footnote.conversation() != null) {
            var conversation = footnote.conversation();
            html.append("The conversation “").append(escape(conversation.title())).append("” (")
                .append(escape(conversation.conversationId())).append(") as a whole");
            if (conversation.summary() != null) {
                html.append(". Its summary: ").append(escape(conversation.summary().text()));
            } else {
                html.append("; it has no summary");
            }
        } else if (footnote.theme() != null) {
            html.append("The theme “").append(escape(footnote.theme().name())).append("”, ")
                .append(footnote.theme().taggedPoints().size()).append(" tagged key points:<ul>");
            for (KeyPointWords keyPoint : footnote.theme().taggedPoints()) {
                html.append("<li>");
                keyPoint(keyPoint, html);
                html.append("</li>");
            }
            html.append("</ul>");
        } else if (footnote.idea() != null) {
            html.append("Written idea").append(footnote.idea().stakeholderGroup() == null ? ""
                    : " from " + escape(footnote.idea().stakeholderGroup().name())).append(": ");
            words(footnote.idea().text(), html);
        } else if (footnote.contributed() != null) {
            ReportView.ContributedWords said = footnote.contributed();
            html.append(said.kind().equals("SESSION_FEEDBACK") ? "Feedback on the session" : "Added in the plenary")
                .append(" (").append(escape(said.voice() == null ? "anonymous" : said.voice())).append("): ");
            words(said.text(), html);
        }
    }

    private static void keyPoint(KeyPointWords keyPoint, StringBuilder html) {
        words(keyPoint.current(), html);
        html.append(" — ").append(escape(keyPoint.speaker() == null ? "anonymous" : keyPoint.speaker()));
        String groups = groups(keyPoint.stakeholderGroups());
        if (!groups.isEmpty()) {
            html.append(" (").append(escape(groups)).append(')');
        }
        html.append(", in “").append(escape(keyPoint.conversationTitle())).append("” (")
            .append(escape(keyPoint.conversationId())).append(')');
        if (!keyPoint.edits().isEmpty()) {
            html.append("<br/><span class=\"original\">Originally recorded: ");
            words(keyPoint.original(), html);
            for (Edit edit : keyPoint.edits()) {
                html.append("<br/>Edited").append(edit.editedBy() == null ? "" : " by " + escape(edit.editedBy()))
                    .append(edit.at() == null ? "" : " " + escape(when(edit.at()))).append(" because “")
                    .append(escape(edit.reason())).append("”: ");
                words(edit.text(), html);
            }
            html.append("</span>");
        }
        if (keyPoint.retraction() != null) {
            html.append("<br/><strong>Retracted</strong>: ").append(escape(keyPoint.retraction().reason()));
        }
    }

    private static void words(Text text, StringBuilder html) {
        if (text == null || text.withdrawn()) {
            html.append("<span class=\"withdrawn\">").append(escape(Words.WITHDRAWN)).append("</span>");
        } else if (text.sealed()) {
            html.append("<span class=\"withdrawn\">").append(escape(Words.SEALED)).append("</span>");
        } else {
            html.append("“").append(escape(text.plain())).append("”");
        }
    }

    private static void appendix(List<Voice> voices, StringBuilder html) {
        html.append("<div class=\"appendix\"><h2>Appendix: the voices cited</h2>");
        if (voices.isEmpty()) {
            html.append("<p>No voice is cited.</p></div>");
            return;
        }
        html.append("<table><thead><tr><th>Voice</th><th>Stakeholder groups</th><th>Conversations</th>")
            .append("<th>Notes</th></tr></thead><tbody>");
        for (Voice voice : voices) {
            String groups = groups(voice.stakeholderGroups());
            html.append("<tr><td>").append(escape(voice.voice())).append("</td><td>")
                .append(escape(groups.isEmpty() ? "not recorded" : groups)).append("</td><td>");
            for (ConversationRef conversation : voice.conversations()) {
                html.append(escape(conversation.title() == null ? conversation.conversationId()
                                           : conversation.title())).append(" (")
                    .append(escape(conversation.conversationId())).append(")<br/>");
            }
            html.append("</td><td>").append(calls(voice.footnotes())).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    /** The stakeholder groups by name; "anonymous" (no speaker recorded, so no group) is left out. */
    private static String groups(List<Group> groups) {
        return groups.stream().filter(group -> !Evidence.ANONYMOUS.equals(group.groupId())).map(Group::name)
                     .collect(Collectors.joining(", "));
    }

    static String kindName(String kind) {
        return switch (kind) {
            case "KEY_POINT" -> "key point";
            case "QUOTE" -> "quote";
            case "CONVERSATION" -> "conversation";
            case "THEME" -> "theme";
            case "IDEA" -> "idea";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }

    private static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** XML-escaped, without the characters XML 1.0 cannot hold (control characters, lone surrogates). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (allowed) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
