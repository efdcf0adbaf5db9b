package io.clayflow.connect.clay;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Clay table the sink fills: its webhook source(s), the token they check, how many rows it holds (empty: a
 * passthrough, auto-delete table, which never fills), the request format it was verified for, and the token its HTTP
 * API column sends back, when it has one of its own.
 *
 * @param name the table's name in the configuration ({@code clay.tables}); what logs, metrics and the state use
 */
record ClayTableConfig(String name, List<URI> webhooks, Optional<String> token, OptionalLong rowCap,
        RequestFormat format, Optional<String> callbackToken) {

    ClayTableConfig {
        Objects.requireNonNull(name, "name");
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rowCap, "rowCap");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(callbackToken, "callbackToken");
    }

    boolean passthrough() {
        return rowCap.isEmpty();
    }

    /** The cap as text: a number of rows, or {@code passthrough}. */
    String capText() {
        return rowCap.isPresent() ? Long.toString(rowCap.getAsLong()) : ClayTableSettings.PASSTHROUGH;
    }

    @Override
    public String toString() {
        // Webhook URLs and tokens are credentials: never in a log line.
        return "table " + name + " (" + webhooks.size() + " webhook(s), cap " + capText() + ", " + format + ")";
    }
}
