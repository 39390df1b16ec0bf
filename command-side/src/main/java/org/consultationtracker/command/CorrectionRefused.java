package org.consultationtracker.command;

/**
 * A correction (reversing a merge, moving a key point) that the record as it stands no longer allows: the merged
 * proposal was scheduled or merged again, the key point was retracted. The request was well formed and named things
 * that exist; it conflicts with what happened since. Mapped to 409, with the message as the problem's detail.
 */
public class CorrectionRefused extends RuntimeException {

    public CorrectionRefused(String message) {
        super(message);
    }
}
