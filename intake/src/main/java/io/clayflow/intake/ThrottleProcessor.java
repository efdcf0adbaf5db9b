package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.ThrottleState;
import io.clayflow.streams.TaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Paces leads into the Clay outbox. A lead that finds the backlog empty and a token and credits to spare leaves at
 * once; any other joins a durable, ordered backlog, from whose head a wall-clock punctuation releases as many as the
 * token bucket (rate, burst) and the credit budget allow, keyed by {@code lead_id}. Either way the same bucket and
 * budget pay, so the rate holds. Nothing is dropped: a lead the budget cannot pay for waits for the next period.
 *
 * <p>The rate is global because this processor runs in a sub-topology fed by a one-partition repartition topic:
 * one task in the whole application, whatever the number of instances, threads or input partitions. Its backlog
 * and its bucket and budget live in changelogged stores, so a restart or a move to another instance resumes with
 * the same backlog, tokens and credits; under exactly-once a release, the backlog deletion and the state update
 * commit together or not at all.
 */
final class ThrottleProcessor implements Processor<String, Lead, String, Lead> {

    private final TokenBucket bucket;
    private final CreditBudget budget;
    private final Duration interval;
    private ProcessorContext<String, Lead> context;
    // Keys are sequence numbers in Serdes.Long()'s big-endian bytes: for non-negative longs RocksDB's byte order is
    // numeric order, so a range scan from the head returns the backlog in arrival order.
    private KeyValueStore<Long, Lead> backlog;
    private KeyValueStore<String, Long> state;
    private BudgetStore budgetStore;
    private TaskMetrics metrics;
    private Sensor released;
    private Sensor budgetLeft;
    private Sensor dataCreditsLeft;
    private Sensor backlogSize;

    /** Reads and writes the stores {@link StateStores.Intake.THROTTLE_BACKLOG} and {@code INTAKE_THROTTLE_STATE}. */
    ThrottleProcessor(TokenBucket bucket, CreditBudget budget, Duration interval) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public void init(ProcessorContext<String, Lead> context) {
        this.context = context;
        this.backlog = context.getStateStore(StateStores.Intake.THROTTLE_BACKLOG);
        this.state = context.getStateStore(StateStores.Intake.THROTTLE_STATE);
        this.budgetStore = BudgetStore.of(context, budget);
        this.metrics = IntakeMetrics.of(context);
        this.released = metrics.counter(IntakeMetrics.RELEASED);
        this.budgetLeft = metrics.gauge(IntakeMetrics.BUDGET_LEFT, "Clay Actions left in the current budget period");
        this.dataCreditsLeft = metrics.gauge(IntakeMetrics.DATA_CREDITS_LEFT,
                "Clay Data Credits left in the current budget period");
        this.backlogSize = metrics.gauge(IntakeMetrics.BACKLOG_SIZE, "Leads waiting in the throttle's backlog");
        backlogSize.record(next() - head());
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::release);
    }

    @Override
    public void process(Record<String, Lead> record) {
        long seq = next();
        // Only an empty backlog lets a lead pass straight through: arrival order is release order.
        if (seq == head() && releasedOnArrival(record.value())) {
            return;
        }
        backlog.put(seq, record.value());
        state.put(ThrottleState.BACKLOG_NEXT_SEQ.key(), seq + 1);
        backlogSize.record(seq + 1 - head());
    }

    /**
     * The fast path: releases the lead now if the bucket holds a token and the budget a lead's credits. It spares the
     * lead the backlog's write, read and delete (three changelog records and two codec passes), which is most of the
     * throttle's cost while it keeps up.
     */
    private boolean releasedOnArrival(Lead lead) {
        long now = context.currentSystemTimeMs();
        TokenBucket.State tokens = bucket.refill(storedBucket(now), now);
        CreditBudget.State credits = budgetStore.at(now);
        if (tokens.wholeTokens() < 1 || budget.affordableLeads(credits) < 1) {
            return false;
        }
        context.forward(new Record<>(lead.getLeadId(), lead, now));
        released.record();
        credits = budget.spend(credits, 1);
        storeBucket(tokens.take(1));
        storeBudget(credits);
        return true;
    }

    /** Releases from the backlog's head what the bucket and the budget allow at wall-clock time {@code now}. */
    void release(long now) {
        TokenBucket.State stored = storedBucket(now);
        TokenBucket.State tokens = bucket.refill(stored, now);
        CreditBudget.State credits = budgetStore.at(now);
        long head = head();
        long next = next();
        long allowed = Math.min(tokens.wholeTokens(), budget.affordableLeads(credits));
        long sent = 0;
        if (allowed > 0 && head < next) {
            List<KeyValue<Long, Lead>> batch = new ArrayList<>();
            try (KeyValueIterator<Long, Lead> waiting = backlog.range(head, next - 1)) {
                while (batch.size() < allowed && waiting.hasNext()) {
                    batch.add(waiting.next());
                }
            }
            for (KeyValue<Long, Lead> entry : batch) {
                context.forward(new Record<>(entry.value.getLeadId(), entry.value, now));
                backlog.delete(entry.key);
                head = entry.key + 1;
                sent++;
                released.record();
            }
            state.put(ThrottleState.BACKLOG_HEAD_SEQ.key(), head);
            tokens = tokens.take(sent);
            credits = budget.spend(credits, sent);
        }
        // A full bucket that stayed full (an idle throttle) is not written: reloading it refills to the same state,
        // and an idle intake would otherwise commit a changelog transaction every punctuation.
        if (sent > 0 || tokens.microTokens() != stored.microTokens()) {
            storeBucket(tokens);
        }
        storeBudget(credits);
        backlogSize.record(next - head);
    }

    private long next() {
        return valueOr(ThrottleState.BACKLOG_NEXT_SEQ.key(), 0L);
    }

    private long head() {
        return valueOr(ThrottleState.BACKLOG_HEAD_SEQ.key(), 0L);
    }

    private TokenBucket.State storedBucket(long now) {
        Long micros = state.get(ThrottleState.BUCKET_MICRO_TOKENS.key());
        Long refilledAt = state.get(ThrottleState.BUCKET_REFILLED_AT_MS.key());
        return micros == null || refilledAt == null ? bucket.full(now) : new TokenBucket.State(micros, refilledAt);
    }

    private void storeBucket(TokenBucket.State tokens) {
        putIfChanged(ThrottleState.BUCKET_MICRO_TOKENS.key(), tokens.microTokens());
        putIfChanged(ThrottleState.BUCKET_REFILLED_AT_MS.key(), tokens.refilledAtMs());
    }

    private void storeBudget(CreditBudget.State credits) {
        budgetStore.save(credits);
        budgetLeft.record(budget.actionsLeft(credits));
        dataCreditsLeft.record(budget.dataCreditsLeft(credits));
    }

    private void putIfChanged(String key, long value) {
        BudgetStore.putIfChanged(state, key, value);
    }

    private long valueOr(String key, long fallback) {
        Long value = state.get(key);
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
