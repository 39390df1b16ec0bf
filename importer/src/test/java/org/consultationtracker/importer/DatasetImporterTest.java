package org.consultationtracker.importer;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetImporterTest {

    @Test
    void defaultsAndArguments() {
        DatasetImporter.Options defaults = DatasetImporter.parse(new String[0]);
        assertThat(defaults.commandApi()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(defaults.user()).isEqualTo("admin");
        assertThat(defaults.password()).isEqualTo("admin-dev");
        assertThat(defaults.dataset()).isNull();
        assertThat(defaults.quiet()).isFalse();
        assertThat(defaults.parallel()).isEqualTo(4);

        DatasetImporter.Options given = DatasetImporter.parse(new String[]{"--command-api", "http://localhost:9/",
                "--user", "facilitator:pa:ss", "--dataset", "x.json", "--event-date", "1999-12-31", "--quiet",
                "--parallel", "1"});
        assertThat(given.commandApi()).isEqualTo(URI.create("http://localhost:9/"));
        assertThat(given.user()).isEqualTo("facilitator");
        assertThat(given.password()).isEqualTo("pa:ss");
        assertThat(given.dataset()).isEqualTo(Path.of("x.json"));
        assertThat(given.eventDate()).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(given.quiet()).isTrue();
        assertThat(given.parallel()).isEqualTo(1);
        assertThatThrownBy(() -> DatasetImporter.parse(new String[]{"--parallel", "0"})).hasMessageContaining("1 to 32");

        assertThat(DatasetImporter.parse(new String[]{"--help"})).isNull();
        assertThatThrownBy(() -> DatasetImporter.parse(new String[]{"--user", "nopassword"}))
                .hasMessageContaining("name:password");
        assertThatThrownBy(() -> DatasetImporter.parse(new String[]{"--bogus"})).hasMessageContaining("--bogus");
    }

    @Test
    void progressLineShowsStepsAndPercentage() {
        assertThat(ProgressBar.line(0, 912, "starting")).startsWith("[" + ".".repeat(30) + "]   0/912   0%  starting");
        assertThat(ProgressBar.line(456, 912, "x")).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 456/912  50%");
        assertThat(ProgressBar.line(912, 912, "done")).startsWith("[" + "#".repeat(30) + "] 912/912 100%");
    }
}
