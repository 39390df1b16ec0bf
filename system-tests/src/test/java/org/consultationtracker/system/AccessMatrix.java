package org.consultationtracker.system;

import org.consultationtracker.system.fuzz.ContractDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The declared access rules, docs/access-matrix.md, read as the test reads them: every Markdown table row whose first
 * cell names a service ({@code command}, {@code query}); rows under a heading starting "Outside" are endpoints the
 * OpenAPI documents do not describe.
 */
record AccessMatrix(List<Row> rows) {

    static final String FILE = "docs/access-matrix.md";
    static final List<String> COLUMNS = List.of("none", "ADMIN", "FACILITATOR", "NOTE_TAKER", "REVIEWER",
            "PARTICIPANT");
    private static final Set<String> SERVICES = Set.of("command", "query");
    private static final Set<String> VALUES = Set.of("allow", "401", "403", "own");

    /** One rule: {@code values} in the order of {@link #COLUMNS}. */
    record Row(String service, String method, String path, List<String> values, boolean inDocument, int line) {

        String name() {
            return service + " " + method + " " + path;
        }

        String value(String column) {
            return values.get(COLUMNS.indexOf(column));
        }
    }

    static AccessMatrix committed() {
        Path file = ContractDocument.repositoryFile(FILE);
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AccessMatrix parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inDocument = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("#")) {
                inDocument = !line.replaceFirst("^#+\\s*", "").startsWith("Outside");
                continue;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.endsWith("|") ? line.length() - 1
                    : line.length()).split("\\|", -1)).map(c -> c.trim().replace("`", "")).toList();
            if (cells.isEmpty() || !SERVICES.contains(cells.get(0))) {
                continue;
            }
            if (cells.size() != 3 + COLUMNS.size()) {
                throw new IllegalStateException(FILE + " line " + (i + 1) + ": expected " + (3 + COLUMNS.size())
                        + " cells (service, method, path, " + String.join(", ", COLUMNS) + "), found " + cells.size());
            }
            List<String> values = cells.subList(3, cells.size());
            for (int c = 0; c < values.size(); c++) {
                String value = values.get(c);
                boolean participant = COLUMNS.get(c).equals("PARTICIPANT");
                if (!VALUES.contains(value) || value.equals("own") && !participant) {
                    throw new IllegalStateException(FILE + " line " + (i + 1) + ": '" + value + "' in column "
                            + COLUMNS.get(c) + "; expected allow, 401, 403" + (participant ? " or own" : ""));
                }
            }
            rows.add(new Row(cells.get(0), cells.get(1).toUpperCase(), cells.get(2), List.copyOf(values),
                    inDocument, i + 1));
        }
        return new AccessMatrix(List.copyOf(rows));
    }
}
