package org.consultationtracker.query.provenance;

import java.util.Arrays;
import java.util.Optional;

/** How a provenance export is written: PROV-JSON, or PROV-O as JSON-LD. */
public enum ProvenanceFormat {
    PROV_JSON("prov-json", "application/json"),
    PROV_O("prov-o", "application/ld+json");

    private final String parameter;
    private final String mediaType;

    ProvenanceFormat(String parameter, String mediaType) {
        this.parameter = parameter;
        this.mediaType = mediaType;
    }

    /** The value of the {@code format} query parameter that asks for it. */
    public String parameter() {
        return parameter;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ProvenanceFormat> byParameter(String value) {
        return Arrays.stream(values()).filter(format -> format.parameter.equals(value)).findFirst();
    }
}
