package org.consultationtracker.query.api;

import java.util.List;

/** RFC 4180 CSV: fields quoted when needed, CRLF line ends. */
final class Csv {

    private final StringBuilder text = new StringBuilder();

    Csv(String... header) {
        row((Object[]) header);
    }

    Csv row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(escape(fields[i]));
        }
        text.append("\r\n");
        return this;
    }

    static String joined(List<?> values) {
        return values == null ? "" : String.join(" ", values.stream().map(String::valueOf).toList());
    }

    private static String escape(Object field) {
        if (field == null) {
            return "";
        }
        String value = field.toString();
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !(field instanceof Number)) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
