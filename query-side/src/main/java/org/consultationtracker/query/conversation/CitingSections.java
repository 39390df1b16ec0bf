package org.consultationtracker.query.conversation;

import java.util.List;

/** The report sections that cite a conversation, as a whole or through its key points, in report and position order. */
public record CitingSections(String conversationId, List<CitingSection> sections) {

    /**
     * @param publishedVersions   the report versions that contained the section (empty: draft only)
     * @param citesConversation   the section cites the conversation as a whole
     * @param keyPointIds         the conversation's key points the section cites directly (as a point or a quote)
     * @param viaThemes           the themes the section cites that tag key points of the conversation
     */
    public record CitingSection(String reportId, String reportTitle, String sectionId, int position, String heading,
                                List<Integer> publishedVersions, boolean citesConversation, List<String> keyPointIds,
                                List<ThemeVia> viaThemes) {
    }

    public record ThemeVia(String themeId, String name, List<String> keyPointIds) {
    }
}
