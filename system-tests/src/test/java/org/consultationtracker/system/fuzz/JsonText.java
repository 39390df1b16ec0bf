package org.consultationtracker.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a request body as JSON text while replacing the value at one path with raw text, so that bodies no JSON
 * library would write can be sent: {@code 1e400}, escaped lone surrogates, duplicate members, members that are not in
 * the schema. Paths are the API's field paths ({@code rounds[0].startsAt}). Everything outside printable ASCII is
 * written as a {@code \\uXXXX} escape, so the text is plain ASCII unless a raw replacement says otherwise.
 */
public final class JsonText {

    /** Replacement that leaves the member out. */
    public static final String ABSENT = "\u0000absent";

    private JsonText() {
    }

    /**
     * @param replacements raw JSON text per path (or {@link #ABSENT})
     * @param extraMembers raw {@code "name": value} members appended to the object at a path ("" is the body)
     */
    public static String render(JsonNode node, Map<String, String> replacements, Map<String, List<String>> extraMembers) {
        StringBuilder json = new StringBuilder();
        write(node, "", replacements, extraMembers, json);
        return json.toString();
    }

    public static String render(JsonNode node) {
        return render(node, Map.of(), Map.of());
    }

    private static void write(JsonNode node, String path, Map<String, String> replacements,
                              Map<String, List<String>> extraMembers, StringBuilder json) {
        String replacement = replacements.get(path);
        if (replacement != null && !path.isEmpty()) {
            json.append(replacement);
            return;
        }
        if (node.isObject()) {
            json.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                if (ABSENT.equals(replacements.get(memberPath))) {
                    continue;
                }
                json.append(first ? "" : ",");
                first = false;
                json.append(string(member.getKey())).append(':');
                write(member.getValue(), memberPath, replacements, extraMembers, json);
            }
            for (String extra : extraMembers.getOrDefault(path, List.of())) {
                json.append(first ? "" : ",").append(extra);
                first = false;
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(node.get(i), path + "[" + i + "]", replacements, extraMembers, json);
            }
            json.append(']');
        } else if (node.isTextual()) {
            json.append(string(node.asText()));
        } else {
            json.append(node.toString());
        }
    }

    /** A JSON string literal, every character outside printable ASCII escaped (lone surrogates included). */
    public static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A member {@code "name": value} with a raw value. */
    public static String member(String name, String rawValue) {
        return string(name) + ":" + rawValue;
    }
}
