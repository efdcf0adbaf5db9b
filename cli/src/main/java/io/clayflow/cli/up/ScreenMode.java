package io.clayflow.cli.up;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether {@code up}'s screen redraws in place with clear-screen escapes: only on an interactive terminal that can
 * take them. A pipe, a file, a CI log or an Emacs shell ({@code TERM=dumb}) gets the counters as plain lines, printed
 * when they change.
 */
final class ScreenMode {

    private ScreenMode() {
    }

    /** This process's: {@link System#console()} and {@code TERM}. */
    static boolean redrawsInPlace() {
        return redrawsInPlace(isTerminal(System.console()), System.getenv());
    }

    /** {@code terminal}: standard input and output are a terminal; {@code environment} names the terminal's type. */
    static boolean redrawsInPlace(boolean terminal, Map<String, String> environment) {
        String term = environment.get("TERM");
        return terminal && term != null && !term.isBlank() && !term.equals("dumb");
    }

    /**
     * Up to Java 21, a console exists only on a terminal; from Java 22 one exists whenever the JLine provider loads,
     * and {@code Console.isTerminal()} (absent on 17, hence the reflection) says whether it is one.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
