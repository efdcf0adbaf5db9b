package io.clayflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rules file that cannot be used stops start-up with a message naming the file and the line at fault. */
class BadRuleFileTest {

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("syntax error: expression ends early", """
                        crm: icp_score >=
                        warehouse: true
                        """, 1, "mismatched input"),
                Arguments.of("syntax error on a continuation line", """
                        # hot leads
                        crm: icp_score != null
                             && (icp_score >= 80
                        warehouse: true
                        """, 3, "missing ')'"),
                Arguments.of("unknown field, after comments and a blank line", """
                        # comment

                        warehouse: true
                        nurture: icp_scor >= 50
                        """, 4, "undeclared reference to 'icp_scor'"),
                Arguments.of("unknown field on the second line of a rule", """
                        crm: icp_score != null
                             && wrk_email != null
                        """, 2, "undeclared reference to 'wrk_email'"),
                Arguments.of("unknown route", """
                        crm: true
                        sales: icp_score != null && icp_score > 90
                        """, 2, "unknown route 'sales'"),
                Arguments.of("unknown route in a list", """
                        warehouse: true

                        crm, ads: true
                        """, 3, "unknown route 'ads'"),
                Arguments.of("type error: int compared with a string", """
                        warehouse: true
                        crm: icp_score == "high"
                        """, 2, "no matching overload"),
                Arguments.of("type error: a rule that is not true or false", """
                        warehouse: icp_score + 1
                        """, 1, "expected type 'bool'"),
                Arguments.of("type error: wrong argument type", """
                        # one
                        # two
                        outreach: work_email.startsWith(1)
                        """, 3, "no matching overload"),
                Arguments.of("has() on a field that is not a map entry", """
                        crm: has(icp_score)
                        """, 1, "has()"),
                Arguments.of("a route with two rules", """
                        crm, outreach: icp_score >= 80
                        nurture: true
                        crm: true
                        """, 3, "already has a rule, on line 1"),
                Arguments.of("no colon", """
                        crm: true
                        warehouse true
                        """, 2, "found no ':'"),
                Arguments.of("no route before the colon", """
                        : true
                        """, 1, "route name is missing"),
                Arguments.of("no expression after the colon", """
                        warehouse: true
                        crm:
                        """, 2, "no expression"),
                Arguments.of("an indented line with no rule above it", """
                        # the rules
                          crm: true
                        """, 2, "no rule above it"));
    }

    @ParameterizedTest(name = "{0} → line {2}")
    @MethodSource("badFiles")
    void startUpFailsNamingTheFileAndTheLine(String what, String rules, int line, String detail) throws Exception {
        Path file = Files.writeString(dir.resolve("routing.rules"), rules);
        RoutingConfig config = configWith(file);

        RuleFileException failure = catchThrowableOfType(RuleFileException.class, config::routeRules);

        assertThat(failure).as("no failure for: " + what).isNotNull();
        assertThat(failure.line()).isEqualTo(line);
        assertThat(failure.file()).isEqualTo(file.toString());
        assertThat(failure.getMessage()).startsWith("Invalid routing rules in " + file + ", line " + line)
                .containsPattern("line " + line + "[,:]").contains(detail);
    }

    @Test
    void theMessageGivesTheColumnAndTheFieldsThereAre() throws Exception {
        Path file = Files.writeString(dir.resolve("routing.rules"), "warehouse: true\ncrm:   icp_scor > 3\n");

        assertThatThrownBy(() -> RouteRules.load(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith("Invalid routing rules in " + file + ", line 2, column 8: "
                        + "undeclared reference to 'icp_scor'")
                .hasMessageContaining("icp_score")
                .hasMessageContaining("work_email")
                .hasMessageContaining("enrichment");
    }

    @Test
    void aFileWithNoRuleIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("routing.rules"), "# nothing yet\n\n");

        RuleFileException failure = catchThrowableOfType(RuleFileException.class, () -> RouteRules.load(file));

        assertThat(failure.line()).isZero();
        assertThat(failure.getMessage()).contains(file.toString()).contains("no rule");
    }

    @Test
    void aMissingFileIsRefusedByName() {
        Path file = dir.resolve("nowhere.rules");

        assertThatThrownBy(() -> configWith(file).routeRules())
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void theShippedRulesCompile() {
        RouteRules rules = RouteRules.defaults();

        assertThat(rules.source()).isEqualTo("classpath:routing.rules");
        assertThat(rules.routesWithRules()).containsExactlyInAnyOrder(Route.values());
    }

    private static RoutingConfig configWith(Path file) {
        Map<String, String> props = new HashMap<>(RoutingConfig.classpathDefaults());
        props.put(RoutingConfig.RULES_FILE, file.toString());
        return new RoutingConfig(props);
    }
}
