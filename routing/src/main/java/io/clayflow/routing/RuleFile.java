package io.clayflow.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The text of a routing rules file, split into rules. One rule per line, {@code <route>[, <route>...]: <expression>};
 * a line starting with a space or tab continues the rule above; blank lines and lines whose first non-blank
 * character is {@code #} are comments. Each route has at most one rule. Parsing checks the layout and the route
 * names only; the expressions are CEL, compiled by {@link RouteRules}.
 */
final class RuleFile {

    /** One rule: the routes it selects, its expression, and where it is in the file. */
    record Rule(Set<Route> routes, String expression, int line) {

        /** "crm, outreach", for messages. */
        String routeNames() {
            return String.join(", ", routes.stream().map(Route::ruleName).toList());
        }
    }

    private RuleFile() {
    }

    /**
     * The rules of a file's text.
     *
     * <p>Each expression keeps the file's layout: its first line has the {@code <route>:} head blanked out and every
     * comment line inside it becomes an empty line, so a (line, column) in the expression is the same (line -
     * first line + 1, column) in the file, and the expression language's error positions point into the file.
     *
     * @param source the file's name, for messages
     * @throws RuleFileException naming the line of the first layout error, unknown or repeated route
     */
    static List<Rule> parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\r?\n", -1);
        List<Rule> rules = new ArrayList<>();
        Map<Route, Integer> ruleLineOf = new EnumMap<>(Route.class);
        Set<Route> routes = null;
        StringBuilder expression = null;
        int ruleLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                if (expression != null) {
                    expression.append('\n');
                }
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (expression == null) {
                    throw new RuleFileException(source, lineNumber, "an indented line continues the rule above it, "
                            + "but there is no rule above it; start a rule at the beginning of the line");
                }
                expression.append('\n').append(line);
                continue;
            }
            if (expression != null) {
                rules.add(rule(routes, expression, ruleLine, source));
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new RuleFileException(source, lineNumber, "expected '<route>[, <route>...]: <expression>', "
                        + "e.g. 'warehouse: true', but found no ':' in \"" + stripped + "\"");
            }
            routes = routes(line.substring(0, colon), lineNumber, ruleLineOf, source);
            expression = new StringBuilder(" ".repeat(colon + 1)).append(line.substring(colon + 1));
            ruleLine = lineNumber;
        }
        if (expression != null) {
            rules.add(rule(routes, expression, ruleLine, source));
        }
        if (rules.isEmpty()) {
            throw new RuleFileException(source, 0, "it has no rule; write one per line as "
                    + "'<route>[, <route>...]: <expression>', e.g. 'warehouse: true' (routes: " + Route.ruleNames() + ")");
        }
        return List.copyOf(rules);
    }

    private static Set<Route> routes(String head, int lineNumber, Map<Route, Integer> ruleLineOf, String source) {
        Set<Route> routes = EnumSet.noneOf(Route.class);
        for (String name : head.split(",", -1)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                throw new RuleFileException(source, lineNumber, "a route name is missing before the ':' "
                        + "(routes: " + Route.ruleNames() + ")");
            }
            Route route = Route.named(trimmed).orElseThrow(() -> new RuleFileException(source, lineNumber,
                    "unknown route '" + trimmed + "'; the routes are " + Route.ruleNames()));
            Integer earlier = ruleLineOf.putIfAbsent(route, lineNumber);
            if (earlier != null) {
                throw new RuleFileException(source, lineNumber, "route '" + trimmed + "' already has a rule, on line "
                        + earlier + "; a route has one rule: join the conditions with ||");
            }
            routes.add(route);
        }
        return routes;
    }

    private static Rule rule(Set<Route> routes, StringBuilder expression, int line, String source) {
        String text = expression.toString().stripTrailing();
        if (text.isBlank()) {
            throw new RuleFileException(source, line, "the rule for " + String.join(", ",
                    routes.stream().map(Route::ruleName).toList()) + " has no expression after the ':'");
        }
        return new Rule(Collections.unmodifiableSet(EnumSet.copyOf(routes)), text, line);
    }
}
