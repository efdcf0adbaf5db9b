package io.clayflow.connect.clay;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the next rows go: the first table, in configured order, with room for a row, and in it the first webhook with
 * submissions left. A request never takes a table past its row cap or a webhook past its lifetime submissions: it
 * carries at most the rows both can still take (and one row in the object format). When no table can take a row,
 * there is no target and {@link #whyNoRoom()} says why.
 */
final class TableRouter {

    /** The table and webhook the next request goes to, and the most rows it may carry. */
    record Target(ClayTableConfig table, URI webhook, int maxRows) {
    }

    private final List<ClayTableConfig> tables;
    private final TableRows rows;
    private final WebhookQuota quota;

    TableRouter(List<ClayTableConfig> tables, TableRows rows, WebhookQuota quota) {
        this.tables = List.copyOf(tables);
        this.rows = Objects.requireNonNull(rows, "rows");
        this.quota = Objects.requireNonNull(quota, "quota");
    }

    /**
     * @param wanted rows waiting to be sent (at least 1)
     * @param batchMaxRows most rows per request of a table in the array format
     */
    Optional<Target> next(int wanted, int batchMaxRows) {
        for (ClayTableConfig table : tables) {
            long tableRoom = rows.room(table);
            if (tableRoom < 1) {
                continue;
            }
            for (URI webhook : table.webhooks()) {
                long webhookRoom = quota.limit() - quota.used(webhook);
                if (webhookRoom < 1) {
                    continue;
                }
                long most = Math.min(Math.min(tableRoom, webhookRoom), table.format().maxRows(batchMaxRows));
                return Optional.of(new Target(table, webhook, (int) Math.min(most, wanted)));
            }
        }
        return Optional.empty();
    }

    /** Tables that can still take a row. */
    long available() {
        return tables.stream().filter(table -> rows.room(table) > 0
                && table.webhooks().stream().anyMatch(webhook -> quota.used(webhook) < quota.limit())).count();
    }

    /** Each table's state, for the log and the status line when none can take a row. */
    String whyNoRoom() {
        return tables.stream().map(table -> table.name() + " " + (rows.room(table) < 1
                ? "full (" + rows.rows(table) + " of " + table.capText() + " rows)"
                : "webhooks spent (" + table.webhooks().size() + " of " + quota.limit() + " submissions each)"))
                .collect(Collectors.joining(", "));
    }

    List<ClayTableConfig> tables() {
        return tables;
    }
}
