package org.consultationtracker.query.voiceflow;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A crowded column keeps its largest nodes by name and folds the rest into one "other …" node, links and all. */
class FlowBuilderTest {

    @Test
    void aHundredConversationsFoldIntoTheLargestAndTheRest() {
        FlowBuilder flow = new FlowBuilder();
        flow.node("g:carers", "GROUP", "Carers", 0, 0);
        flow.node("s:1", "SECTION", "§1", 1, 2);
        for (int c = 0; c < 100; c++) {
            flow.node("c:" + c, "CONVERSATION", "Conversation " + c, c, 1);
            // conversation c has c + 1 key points, all cited by section 1 as part of the whole conversation
            for (int k = 0; k <= c; k++) {
                flow.link("g:carers", "c:" + c, "kp-" + c + "-" + k, false);
                flow.link("c:" + c, "s:1", "kp-" + c + "-" + k, true);
            }
        }
        Map<String, String> folded = flow.fold("CONVERSATION", 16, "other:conversations", "Other conversations");

        assertThat(folded).hasSize(84).containsEntry("c:0", "other:conversations").doesNotContainKey("c:99");
        List<VoiceFlow.Node> conversations = flow.nodes(List.of("GROUP", "CONVERSATION", "SECTION")).stream()
                                                 .filter(n -> n.kind().equals("CONVERSATION")).toList();
        assertThat(conversations).hasSize(17);
        VoiceFlow.Node other = conversations.get(conversations.size() - 1);
        assertThat(other.id()).isEqualTo("other:conversations");
        assertThat(other.label()).isEqualTo("Other conversations (84)");
        assertThat(other.value()).isEqualTo(84 * 85 / 2); // conversations 0..83 hold 1..84 key points
        VoiceFlow.Link into = flow.links().stream().filter(l -> l.target().equals("other:conversations")).findFirst()
                                  .orElseThrow();
        assertThat(into.value()).isEqualTo(84 * 85 / 2);
        VoiceFlow.Link out = flow.links().stream().filter(l -> l.source().equals("other:conversations")).findFirst()
                                 .orElseThrow();
        assertThat(out.wholeConversation()).isTrue();
        assertThat(flow.links()).noneMatch(l -> l.source().equals("c:0") || l.target().equals("c:0"));
    }

    @Test
    void aColumnOneOverTheLimitIsNotFolded() {
        FlowBuilder flow = new FlowBuilder();
        flow.node("s:1", "SECTION", "§1", 1, 2);
        for (int c = 0; c < 17; c++) {
            flow.node("c:" + c, "CONVERSATION", "Conversation " + c, c, 1);
            flow.link("c:" + c, "s:1", "kp-" + c, false);
        }
        assertThat(flow.fold("CONVERSATION", 16, "other:conversations", "Other conversations")).isEmpty();
        assertThat(flow.nodes(List.of("CONVERSATION", "SECTION"))).hasSize(18);
    }
}
