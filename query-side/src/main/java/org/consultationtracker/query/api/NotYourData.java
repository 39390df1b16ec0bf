package org.consultationtracker.query.api;

/** A participant account asked for another participant's data (HTTP 403; whether that participant exists is not said). */
class NotYourData extends RuntimeException {

    NotYourData(String username) {
        super("user " + username + " may read only their own participant's data");
    }
}
