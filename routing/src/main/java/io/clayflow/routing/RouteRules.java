package io.clayflow.routing;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.clayflow.schemas.EnrichedLead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/**
 * The compiled routing rules: which routes a lead goes to. Expressions are Google's Common Expression Language
 * (CEL): side-effect free, always terminating, and type-checked at start-up against the lead's fields (see
 * {@link LeadVariables}), so a typo, an unknown field or a type error stops the app naming the rule file's line
 * instead of surfacing on the first lead. Immutable and thread-safe: every stream thread shares one.
 */
public final class RouteRules {

    /** The rules shipped on the classpath, used when the configuration names no file. */
    public static final String DEFAULT_RESOURCE = "routing.rules";

    // "<input>:12: " is CEL's offset into the expression, meaningless to someone reading the rule file.
    private static final Pattern CEL_EVALUATION_PREFIX = Pattern.compile("^evaluation error at <input>:\\d+: ");
    private static final String NO_CONTAINER = " (in container '')";

    private final List<CompiledRule> rules;
    private final LeadVariables variables;
    private final String source;

    private RouteRules(List<CompiledRule> rules, LeadVariables variables, String source) {
        this.rules = rules;
        this.variables = variables;
        this.source = source;
    }

    /** The rules shipped with the app ({@value #DEFAULT_RESOURCE} on the classpath). */
    public static RouteRules defaults() {
        try (InputStream in = RouteRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + DEFAULT_RESOURCE + " from the classpath", e);
        }
    }

    /**
     * The rules of a file the user wrote.
     *
     * @throws RuleFileException naming the file, and the line of the first fault
     */
    public static RouteRules load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), 0, "cannot be read: " + e);
        }
        return compile(text, file.toString());
    }

    /**
     * Rules from text, checked against the fields of {@code EnrichedLead}.
     *
     * @param source where the text came from, for messages
     * @throws RuleFileException naming the source and the line of the first fault
     */
    public static RouteRules compile(String text, String source) {
        LeadVariables variables = LeadVariables.of(EnrichedLead.getClassSchema());
        // Mixed int/double comparisons (icp_score >= 79.5) are allowed: a rule writer should not need to care.
        CelOptions options = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        variables.declarations().forEach(builder::addVar);
        Cel cel = builder.build();

        List<CompiledRule> compiled = new ArrayList<>();
        for (RuleFile.Rule rule : RuleFile.parse(text, source)) {
            try {
                CelRuntime.Program program = cel.createProgram(cel.compile(rule.expression()).getAst());
                compiled.add(new CompiledRule(rule, program));
            } catch (CelValidationException e) {
                throw compileError(rule, e, variables, source);
            } catch (dev.cel.common.CelException e) {
                throw new RuleFileException(source, rule.line(), "the rule for " + rule.routeNames()
                        + " cannot be planned: " + e.getMessage());
            }
        }
        return new RouteRules(List.copyOf(compiled), variables, source);
    }

    private static RuleFileException compileError(RuleFile.Rule rule, CelValidationException e,
                                                  LeadVariables variables, String source) {
        List<CelIssue> issues = e.getErrors();
        if (issues.isEmpty()) {
            return new RuleFileException(source, rule.line(), "the rule for " + rule.routeNames() + ": "
                    + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        int firstLine = 0;
        int firstColumn = 0;
        for (CelIssue issue : issues) {
            // CEL counts lines from 1 and columns from 0 within the expression, which keeps the file's layout.
            int line = rule.line() + Math.max(issue.getSourceLocation().getLine(), 1) - 1;
            int column = issue.getSourceLocation().getColumn() + 1;
            String message = issue.getMessage().replace(NO_CONTAINER, "");
            if (message.startsWith("undeclared reference")) {
                message += " (a lead's fields are: " + variables.names() + ")";
            }
            if (problems.isEmpty()) {
                firstLine = line;
                firstColumn = column;
                problems.add(message);
            } else {
                problems.add("line " + line + ", column " + column + ": " + message);
            }
        }
        return new RuleFileException(source, firstLine, firstColumn, String.join("; ", problems)
                + " [rule for " + rule.routeNames() + " on line " + rule.line() + "]");
    }

    /**
     * The routes a lead goes to: those whose rule is true. Every rule is evaluated, so a lead either gets all its
     * routes or, when any rule fails, none (it is dead-lettered whole).
     *
     * @throws RuleEvaluationException when a rule fails for this lead; its message names the route and the line
     */
    public Set<Route> select(GenericRecord lead) {
        Map<String, Object> values = variables.valuesOf(lead);
        Set<Route> selected = EnumSet.noneOf(Route.class);
        for (CompiledRule rule : rules) {
            Object result;
            try {
                result = rule.program().eval(values);
            } catch (CelEvaluationException e) {
                throw new RuleEvaluationException("The rule for " + rule.rule().routeNames() + " (" + source
                        + ", line " + rule.rule().line() + ") failed: "
                        + CEL_EVALUATION_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst(""), e);
            }
            if (!(result instanceof Boolean matched)) {
                // An unbound variable (a required field the writer's schema lacks) leaves the result unknown.
                throw new RuleEvaluationException("The rule for " + rule.rule().routeNames() + " (" + source
                        + ", line " + rule.rule().line() + ") gave " + result + " instead of true or false", null);
            }
            if (matched) {
                selected.addAll(rule.rule().routes());
            }
        }
        return Collections.unmodifiableSet(selected);
    }

    /** The routes some rule can select; the others receive nothing. */
    public Set<Route> routesWithRules() {
        Set<Route> routes = EnumSet.noneOf(Route.class);
        rules.forEach(rule -> routes.addAll(rule.rule().routes()));
        return routes;
    }

    /** Where the rules came from: a path, or {@code classpath:routing.rules}. */
    public String source() {
        return source;
    }

    /** One line per rule, for the start-up log. */
    public String describe() {
        return rules.stream().map(rule -> "  line " + rule.rule().line() + ": " + rule.rule().routeNames() + " ← "
                        + rule.rule().expression().strip().replaceAll("\\s*\\n\\s*", " "))
                .collect(Collectors.joining("\n"));
    }

    private record CompiledRule(RuleFile.Rule rule, CelRuntime.Program program) {
        CompiledRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(program, "program");
        }
    }
}
