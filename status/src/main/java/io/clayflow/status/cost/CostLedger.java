package io.clayflow.status.cost;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds up the cost ledger ({@link io.clayflow.schemas.Topics#COST_EVENTS}) over a time range. A row counts in the
 * range its estimate was booked in (when intake released it); Clay's actual figures for the same {@code lead_id}
 * replace the estimate meter by meter, whenever they arrive (the latest report wins, so a callback replayed does
 * not count twice); an actual with no estimate in the range belongs to a row of another range and is left out.
 * Savings (a duplicate dropped, a cache hit) count in the range they happened in, at the estimated cost.
 */
public final class CostLedger {

    private final List<CostEvent> events = new ArrayList<>();
    private long undecodable;

    /** Adds a ledger record's value; one that is not a cost event is counted and skipped. */
    public void add(byte[] value) {
        Optional<CostEvent> event = CostEventSerde.decode(value);
        if (event.isPresent()) {
            events.add(event.get());
        } else {
            undecodable++;
        }
    }

    public void add(CostEvent event) {
        events.add(event);
    }

    /** Forgets events before {@code instant}: a status screen that only shows the current period keeps memory bounded. */
    public void forgetBefore(Instant instant) {
        long cut = instant.toEpochMilli();
        events.removeIf(event -> event.at() < cut);
    }

    /** The figures of {@code [from, to)} ({@code to} null: no end), per {@code by}. */
    public CostReport report(Instant from, Instant to, CostGrouping by) {
        long start = from.toEpochMilli();
        long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        List<CostEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(CostEvent::at));
        // Each estimate in range is a row; a later actual of the same lead replaces that row's figures.
        List<CostEvent[]> rows = new ArrayList<>();
        Map<String, CostEvent[]> lastRowOf = new HashMap<>();
        Map<String, CostFigures> groups = new HashMap<>();
        for (CostEvent event : ordered) {
            boolean inRange = event.at() >= start && event.at() < end;
            switch (event.kind()) {
                case ESTIMATED -> {
                    if (inRange) {
                        CostEvent[] row = {event, null};
                        rows.add(row);
                        lastRowOf.put(event.leadId(), row);
                    } else {
                        lastRowOf.remove(event.leadId());
                    }
                }
                case ACTUAL -> {
                    CostEvent[] row = lastRowOf.get(event.leadId());
                    if (row != null) {
                        row[1] = event;
                    }
                }
                case SAVED_DUPLICATE, SAVED_CACHE -> {
                    if (inRange) {
                        String group = by == CostGrouping.SOURCE ? event.source()
                                : event.table() == null ? "(unknown)" : event.table();
                        groups.merge(group, CostFigures.ZERO.plusSaving(event.kind() == CostEvent.Kind.SAVED_CACHE,
                                nonNull(event.actions()), nonNull(event.dataCredits())), CostFigures::plus);
                    }
                }
            }
        }
        for (CostEvent[] row : rows) {
            CostEvent estimate = row[0];
            CostEvent actual = row[1];
            long actions = actual != null && actual.actions() != null ? actual.actions() : nonNull(estimate.actions());
            long dataCredits = actual != null && actual.dataCredits() != null ? actual.dataCredits()
                    : nonNull(estimate.dataCredits());
            groups.merge(by.of(estimate, actual), CostFigures.ZERO.plusRow(actions, dataCredits, actual != null),
                    CostFigures::plus);
        }
        CostFigures total = groups.values().stream().reduce(CostFigures.ZERO, CostFigures::plus);
        return new CostReport(from, to, by, groups, total, undecodable);
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }
}
