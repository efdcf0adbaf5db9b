package io.clayflow.routing;

import java.io.Serializable;
import org.apache.kafka.common.config.ConfigException;

/**
 * A routing rules file that cannot be used: its message names the file and the line (and column, where the
 * expression language gives one), so the app stops at start-up saying where to look.
 */
public class RuleFileException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final Place place;

    /**
     * Where in a rules file the fault is.
     *
     * @param line the 1-based line at fault, or 0 when the fault is the whole file's
     * @param column the 1-based column at fault, or 0 when there is none to give
     */
    private record Place(String file, int line, int column) implements Serializable {

        /** The file, and its line and column where there are. */
        @Override
        public String toString() {
            return file + (line > 0 ? ", line " + line : "") + (line > 0 && column > 0 ? ", column " + column : "");
        }
    }

    /**
     * @param line the 1-based line at fault, or 0 when the fault is the whole file's
     */
    public RuleFileException(String file, int line, String message) {
        this(file, line, 0, message);
    }

    /**
     * @param column the 1-based column at fault, or 0 when there is none to give
     */
    public RuleFileException(String file, int line, int column, String message) {
        this(new Place(file, line, column), message);
    }

    private RuleFileException(Place place, String message) {
        super("Invalid routing rules in " + place + ": " + message);
        this.place = place;
    }

    public String file() {
        return place.file();
    }

    /** The first line at fault (1-based), or 0 when the fault is the whole file's. */
    public int line() {
        return place.line();
    }
}
