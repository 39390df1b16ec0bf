package org.consultationtracker.events.consultation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of session a consultation runs ("Create" is the Open Space kind). */
public enum SessionKind {
    @JsonProperty("connect") CONNECT,
    @JsonProperty("explore") EXPLORE,
    @JsonProperty("open-space") OPEN_SPACE,
    @JsonProperty("workshop") WORKSHOP,
    @JsonProperty("focus-group") FOCUS_GROUP,
    @JsonProperty("call-for-ideas") CALL_FOR_IDEAS
}
