package io.clayflow.schemas;

/**
 * The Streams apps' default application ids, their state stores and repartitions, one nested class an app: part of
 * the contract because the status app and operators read their internal topics
 * ({@code <application.id>-<store>-changelog}, {@code <application.id>-<name>-repartition}).
 */
public final class StateStores {

    private StateStores() {
    }

    /** The repartition topic Kafka Streams keeps for {@code name} of the app {@code applicationId}. */
    public static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /** The changelog topic Kafka Streams keeps for {@code store} of the app {@code applicationId}. */
    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Intake: validate, normalize, dedupe, throttle. */
    public static final class Intake {

        public static final String APPLICATION_ID = "clayflow-intake";

        /** Intake's dedupe keys with when each was first seen. */
        public static final String DEDUPE = "intake-dedupe-store";
        /** Leads waiting for the throttle or the credit budget. */
        public static final String THROTTLE_BACKLOG = "intake-throttle-backlog";
        /** The throttle's token bucket and the budget's spend per period ({@link ThrottleState}). */
        public static final String THROTTLE_STATE = "intake-throttle-state";
        /**
         * Intake's enrichment cache: each person's latest Clay enrichment read from {@code leads.enriched}, by
         * {@code lead_id}, kept for the cache TTL.
         */
        public static final String ENRICHMENT_CACHE = "intake-enrichment-cache";
        /** Repeat touches of people still in flight at Clay, held until their enrichment arrives. */
        public static final String CACHE_HELD = "intake-cache-held";

        /**
         * Intake's repartition by {@code lead_id} before dedupe: new touches from {@code leads.raw} and Clay's
         * enrichments from {@code leads.enriched}, together (as many partitions as the larger of the two topics).
         */
        public static final String DEDUPE_REPARTITION = "intake-dedupe";
        /** Intake's repartition before the throttle: exactly one partition, so one task paces the whole app. */
        public static final String THROTTLE_REPARTITION = "intake-throttle";
        /**
         * Intake's repartition of the actual costs read from {@code leads.enriched} to the throttle's one partition,
         * so the budget is corrected in the task that keeps it.
         */
        public static final String COST_ACTUALS_REPARTITION = "intake-cost-actuals";

        private Intake() {
        }
    }

    /** Routing: routes enriched leads by rules; it keeps no state stores. */
    public static final class Routing {

        public static final String APPLICATION_ID = "clayflow-routing";

        private Routing() {
        }
    }

    /** The Clay ledger: awaits the callback of every row Clay accepted. */
    public static final class Ledger {

        public static final String APPLICATION_ID = "clayflow-clay-ledger";

        /** The Clay ledger's rows awaiting a callback (and overdue ones), by {@code lead_id}. */
        public static final String ROWS = "clay-ledger-rows";
        /** The Clay ledger's running totals per table (overdue, late, re-sent). */
        public static final String TOTALS = "clay-ledger-totals";

        private Ledger() {
        }
    }
}
