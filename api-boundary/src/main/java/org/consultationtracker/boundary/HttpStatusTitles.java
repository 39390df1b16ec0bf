package org.consultationtracker.boundary;

import org.springframework.http.HttpStatus;

/** Title and a plain-words detail for a status the application did not explain itself. */
final class HttpStatusTitles {

    private HttpStatusTitles() {
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    static String detail(int status) {
        if (status == 413) {
            return "The request is larger than this service accepts; nothing was recorded.";
        }
        if (status == 405) {
            return "This path does not accept that method; nothing was recorded.";
        }
        if (status == 501 || status == 505) {
            return "The request uses a method, transfer coding or HTTP version this service does not implement; "
                    + "nothing was recorded.";
        }
        if (status >= 500) {
            return "Something went wrong on our side. A write may or may not have been recorded: retry it with the "
                    + "same Idempotency-Key.";
        }
        return "The request was refused; nothing was recorded.";
    }
}
