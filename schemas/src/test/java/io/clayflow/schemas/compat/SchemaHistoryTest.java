package io.clayflow.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryTest {

    private static final String V1 = """
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"note","type":["null","string"],"default":null}]}""";
    private static final String V3_BREAKING = """
            {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"note","type":["null","string"],"default":null},{"name":"rank","type":"int"}]}""";

    /** The guard of this repository: the build fails here when a schema in src/main/avro breaks its history. */
    @Test
    void everyCurrentSchemaIsBackwardCompatibleWithItsReleasedVersions() {
        SchemaHistory history = new SchemaHistory(Paths.get("history"), Paths.get("src/main/avro"));

        assertThat(history.problems())
                .as("Schemas must evolve BACKWARD-compatibly (see schemas/README.md)")
                .isEmpty();
    }

    @Test
    void passesWhenEachVersionReadsTheOneBefore(@TempDir Path dir) throws IOException {
        write(dir.resolve("history/t.Thing/v1.avsc"), V1);
        write(dir.resolve("history/t.Thing/v2.avsc"), V2);
        write(dir.resolve("avro/Thing.avsc"), V2);

        assertThat(new SchemaHistory(dir.resolve("history"), dir.resolve("avro")).problems()).isEmpty();
    }

    @Test
    void failsNamingTheFieldWhenTheCurrentSchemaBreaksTheLatestRelease(@TempDir Path dir) throws IOException {
        write(dir.resolve("history/t.Thing/v1.avsc"), V1);
        write(dir.resolve("history/t.Thing/v2.avsc"), V2);
        write(dir.resolve("avro/Thing.avsc"), V3_BREAKING);

        assertThat(new SchemaHistory(dir.resolve("history"), dir.resolve("avro")).problems())
                .singleElement().asString()
                .contains("t.Thing current vs v2", "field 'rank'", "READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void checksReleasedVersionsAgainstEachOtherInVersionOrder(@TempDir Path dir) throws IOException {
        write(dir.resolve("history/t.Thing/v1.avsc"), V1);
        write(dir.resolve("history/t.Thing/v2.avsc"), V3_BREAKING);
        write(dir.resolve("history/t.Thing/v10.avsc"), V3_BREAKING);
        write(dir.resolve("avro/Thing.avsc"), V3_BREAKING);

        assertThat(new SchemaHistory(dir.resolve("history"), dir.resolve("avro")).problems())
                .singleElement().asString().contains("t.Thing v2 vs v1", "field 'rank'");
    }

    @Test
    void failsWhenASchemaHasNoReleasedVersion(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("history"));
        write(dir.resolve("avro/Thing.avsc"), V1);

        assertThat(new SchemaHistory(dir.resolve("history"), dir.resolve("avro")).problems())
                .singleElement().asString().contains("t.Thing: no released version");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
