package org.consultationtracker.importer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandApiClientTest {

    @Test
    void aPublicationRefusedForQuotesWithoutConsentIsNotRetriedButOtherConflictsAre() {
        assertThat(CommandApiClient.refusedForConsent(409, """
                {"title": "Quotes without consent", "status": 409,
                 "quotedWithoutConsent": [{"sectionId": "rs-01", "keyPointId": "k-1"}]}""")).isTrue();
        assertThat(CommandApiClient.refusedForConsent(409, """
                {"title": "Conflict", "status": 409, "detail": "Somebody else changed or created this"}""")).isFalse();
        assertThat(CommandApiClient.refusedForConsent(422, "{\"quotedWithoutConsent\": []}")).isFalse();
    }
}
