package org.consultationtracker.events.conversation;

public enum KeyPointKind {
    PROBLEM,
    SOLUTION,
    RECOMMENDATION,
    QUESTION,
    OBSERVATION
}
