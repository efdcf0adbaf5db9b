package io.clayflow.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackwardCompatibilityTest {

    private static final String OLD = """
            {"type":"record","name":"T","fields":[
              {"name":"id","type":"string"},
              {"name":"score","type":["null","int"],"default":null},
              {"name":"address","type":{"type":"record","name":"A","fields":[{"name":"city","type":"string"}]}}]}""";

    static Stream<Arguments> compatibleChanges() {
        return Stream.of(
                Arguments.of(Named.of("an optional field with a null default is added",
                        OLD.replace("{\"name\":\"id\",\"type\":\"string\"},",
                                "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"extra\",\"type\":[\"null\",\"string\"],\"default\":null},"))),
                Arguments.of(Named.of("a field is removed",
                        OLD.replace("{\"name\":\"score\",\"type\":[\"null\",\"int\"],\"default\":null},", ""))),
                Arguments.of(Named.of("an int is widened to long",
                        OLD.replace("[\"null\",\"int\"]", "[\"null\",\"long\"]"))),
                Arguments.of(Named.of("nothing changes", OLD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleChanges")
    void acceptsABackwardCompatibleChange(String newer) {
        assertThat(BackwardCompatibility.problems(parse(newer), parse(OLD))).isEmpty();
    }

    static Stream<Arguments> incompatibleChanges() {
        return Stream.of(
                Arguments.of(Named.of("a required field without a default is added",
                        OLD.replace("{\"name\":\"id\",\"type\":\"string\"},",
                                "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"tier\",\"type\":\"int\"},")), "tier"),
                Arguments.of(Named.of("a field's type changes from string to int",
                        OLD.replace("{\"name\":\"id\",\"type\":\"string\"}", "{\"name\":\"id\",\"type\":\"int\"}")), "id"),
                Arguments.of(Named.of("a nested record's field changes type",
                        OLD.replace("{\"name\":\"city\",\"type\":\"string\"}", "{\"name\":\"city\",\"type\":\"long\"}")),
                        "address.city"),
                Arguments.of(Named.of("an optional field loses its null branch",
                        OLD.replace("{\"name\":\"score\",\"type\":[\"null\",\"int\"],\"default\":null}",
                                "{\"name\":\"score\",\"type\":\"int\",\"default\":0}")), "score"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatibleChanges")
    void namesTheFieldOfAnIncompatibleChange(String newer, String field) {
        assertThat(BackwardCompatibility.problems(parse(newer), parse(OLD)))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("field '" + field + "'"));
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
