package org.consultationtracker.command.report;

import org.consultationtracker.command.DomainRuleViolation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Publication refused: the draft quotes people whose consent to be quoted is missing, and no override was given for
 * them (or none can be). The API answers 409 naming each quote, so the publisher can rewrite the sections, wait for
 * consent, or publish again with an override and a reason.
 */
public class QuotesWithoutConsent extends DomainRuleViolation {

    private final transient List<QuoteWithoutConsent> quotes;

    public QuotesWithoutConsent(List<QuoteWithoutConsent> quotes) {
        super("the report cannot be published: " + quotes.size()
                + (quotes.size() == 1 ? " quote lacks" : " quotes lack") + " the speaker's consent to be quoted ("
                + quotes.stream().map(QuoteWithoutConsent::describe).collect(Collectors.joining("; "))
                + "); rewrite those sections or publish with a consent override and a reason for each");
        this.quotes = List.copyOf(quotes);
    }

    public List<QuoteWithoutConsent> quotes() {
        return quotes;
    }
}
