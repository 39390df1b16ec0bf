package org.consultationtracker.system.fuzz;

import org.consultationtracker.system.fuzz.ContractDocument.Operation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One request a hostile or careless client might send, and what the API must answer.
 *
 * @param headers      headers on top of the defaults (basic auth as admin, {@code Content-Type: application/json});
 *                     a null value removes a default
 * @param mustReject   false for a variant the contract may accept (then only "no 5xx" and the problem's shape hold,
 *                     and it is sent apart from the rejected ones, since it may record something)
 * @param statuses     the statuses allowed; empty means any 4xx
 * @param fields       the fields a 400, 413 or 415 may name: each named field must equal one of these, lie inside it
 *                     ({@code rounds[0].endsAt} inside {@code rounds}) or contain it; empty means any non-empty name
 */
public record Variant(String category, Operation operation, String method, String path, Map<String, String> headers,
                      byte[] body, boolean chunked, boolean mustReject, Set<Integer> statuses, Set<String> fields,
                      String description) {

    public static Variant rejected(String category, Operation operation, String path, byte[] body, Set<Integer> statuses,
                                   Set<String> fields, String description) {
        return new Variant(category, operation, operation.method(), path, Map.of(), body, false, true, statuses,
                fields, description);
    }

    public static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    public Variant withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new Variant(category, operation, method, path, merged, body, chunked, mustReject, statuses, fields,
                description);
    }

    public Variant withStatuses(Set<Integer> otherStatuses, Set<String> otherFields) {
        return new Variant(category, operation, method, path, headers, body, chunked, mustReject, otherStatuses,
                otherFields, description);
    }

    public Variant chunkedBody() {
        return new Variant(category, operation, method, path, headers, body, true, mustReject, statuses, fields,
                description);
    }

    public Variant tolerated() {
        return new Variant(category, operation, method, path, headers, body, chunked, false, Set.of(), Set.of(),
                description);
    }

    public Variant inCategory(String otherCategory) {
        return new Variant(otherCategory, operation, method, path, headers, body, chunked, mustReject, statuses,
                fields, description);
    }

    /** Whether a field a problem names is the one this variant broke (or inside it, or around it). */
    public boolean names(String reported) {
        if (fields.isEmpty()) {
            return reported != null && !reported.isBlank();
        }
        for (String field : fields) {
            if (reported.equals(field) || reported.startsWith(field + "[") || reported.startsWith(field + ".")
                    || field.startsWith(reported + "[") || field.startsWith(reported + ".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
        return "[" + category + "] " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path)
                + " (" + description + ")" + (headers.isEmpty() ? "" : " headers " + headers)
                + (chunked ? " chunked" : "") + " body " + shown;
    }
}
