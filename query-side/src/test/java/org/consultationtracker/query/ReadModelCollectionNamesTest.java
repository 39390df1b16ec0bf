package org.consultationtracker.query;

import org.consultationtracker.query.readmodel.ReadModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The source-level half of {@link ReadModelOwnershipTest}: collection names in strings. */
class ReadModelCollectionNamesTest {

    private static final Map<ReadModel, String> OWNERS = ReadModelOwnershipTest.OWNERS;
    private static final List<String> EVERY_MODEL_ALIKE = List.of("readmodel", "replay", "parking");

    /** A collection named in a string outside its package is a read around the handles. */
    @Test
    void noSourceOutsideTheOwningPackageNamesACollection() throws IOException {
        Path root = Path.of("src/main/java/org/consultationtracker/query");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String packageName = root.relativize(file.getParent()).toString().replace('/', '.');
                if (EVERY_MODEL_ALIKE.contains(packageName)) {
                    continue;
                }
                String source = Files.readString(file);
                for (Map.Entry<ReadModel, String> owner : OWNERS.entrySet()) {
                    if (owner.getValue().equals(packageName)) {
                        continue;
                    }
                    for (String collection : owner.getKey().collections()) {
                        if (source.contains("\"" + collection + "\"")) {
                            violations.add(root.relativize(file) + " names " + collection + " of "
                                                   + owner.getKey().id());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
