package org.consultationtracker.events.report;

import org.consultationtracker.events.report.SectionSentences.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SectionSentencesTest {

    @Test
    void anchorsFollowTheSentenceTheySupportAndAreNotShown() {
        List<Sentence> sentences = SectionSentences.of(
                "Carers feel unheard.[^1] Workloads are too high, e.g. the caseloads.[^2][^3] “Listen to us!”[^1]\n"
                        + "Pay is 3.5% too low? Nobody asked");
        assertThat(sentences).containsExactly(
                new Sentence(1, "Carers feel unheard.", List.of(1), true),
                new Sentence(2, "Workloads are too high, e.g. the caseloads.", List.of(2, 3), false),
                new Sentence(3, "“Listen to us!”", List.of(1), false),
                new Sentence(4, "Pay is 3.5% too low?", List.of(), true),
                new Sentence(5, "Nobody asked", List.of(), false));
    }

    @Test
    void unanchoredCitationsSupportTheWholeSection() {
        assertThat(SectionSentences.wholeSectionCitations("One.[^2] Two.", 3)).containsExactly(1, 3);
        assertThat(SectionSentences.wholeSectionCitations("No anchors.", 2)).containsExactly(1, 2);
    }

    @Test
    void anAnchorBeyondTheCitationsDangles() {
        assertThat(SectionSentences.danglingAnchor("One.[^1] Two.[^2]", 2)).isNull();
        assertThat(SectionSentences.danglingAnchor("One.[^3]", 2)).isEqualTo(3);
        assertThat(SectionSentences.danglingAnchor("One.[^0]", 2)).isEqualTo(0);
        assertThat(SectionSentences.danglingAnchor("One.[^99999999999999999999]", 2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(SectionSentences.danglingAnchor("One.[^01]", 1)).isNull();
    }

    @Test
    void oddTextStaysWhole() {
        assertThat(SectionSentences.of("")).isEmpty();
        assertThat(SectionSentences.of(null)).isEmpty();
        assertThat(SectionSentences.of("   \n\n ")).isEmpty();
        assertThat(SectionSentences.of("children´s care 🙂. مرحبا بكم.[^1]"))
                .extracting(Sentence::text).containsExactly("children´s care 🙂.", "مرحبا بكم.");
    }
}
