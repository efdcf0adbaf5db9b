package io.clayflow.intake;

import static io.clayflow.intake.IntakeConfig.BUDGET_ACTIONS_PER_PERIOD;
import static io.clayflow.intake.IntakeConfig.BUDGET_DATA_CREDITS_PER_PERIOD;
import static io.clayflow.intake.IntakeConfig.BUDGET_PERIOD;
import static io.clayflow.intake.IntakeConfig.COST_ACTIONS_PER_ROW;
import static io.clayflow.intake.IntakeConfig.COST_DATA_CREDITS_PER_ROW;
import static io.clayflow.intake.IntakeConfig.COST_TABLE;
import static io.clayflow.intake.IntakeConfig.THROTTLE_BURST;
import static io.clayflow.intake.IntakeConfig.THROTTLE_PUNCTUATE_INTERVAL_MS;
import static io.clayflow.intake.IntakeConfig.THROTTLE_RATE_PER_SECOND;

import io.clayflow.config.KeyGroup;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The "Throttle", "Credit budget" and "Cost per row" groups of {@link IntakeConfig}: what paces a release and what it
 * costs. Their key definitions, and the {@link TokenBucket}, {@link CreditBudget} and {@link CostEstimates} they are
 * read into.
 */
final class ReleaseKeys {

    private ReleaseKeys() {
    }

    static TokenBucket tokenBucket(IntakeConfig config) {
        return new TokenBucket(config.getDouble(THROTTLE_RATE_PER_SECOND), config.getInt(THROTTLE_BURST));
    }

    /** The budget per period and the cost per row; a row dearer than a limited meter's budget is refused. */
    static CreditBudget creditBudget(IntakeConfig config) {
        ClayCost perPeriod = new ClayCost(config.getLong(BUDGET_ACTIONS_PER_PERIOD),
                config.getLong(BUDGET_DATA_CREDITS_PER_PERIOD));
        ClayCost perRow = costPerRow(config);
        refuseRowDearerThanBudget(COST_ACTIONS_PER_ROW, perRow.actions(), BUDGET_ACTIONS_PER_PERIOD,
                perPeriod.actions());
        refuseRowDearerThanBudget(COST_DATA_CREDITS_PER_ROW, perRow.dataCredits(), BUDGET_DATA_CREDITS_PER_PERIOD,
                perPeriod.dataCredits());
        try {
            return new CreditBudget(config.getDuration(BUDGET_PERIOD), perPeriod, perRow);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BUDGET_PERIOD, config.getString(BUDGET_PERIOD), e.getMessage());
        }
    }

    static CostEstimates costEstimates(IntakeConfig config) {
        return new CostEstimates(config.getString(COST_TABLE).trim(), costPerRow(config));
    }

    private static ClayCost costPerRow(IntakeConfig config) {
        return new ClayCost(config.getLong(COST_ACTIONS_PER_ROW), config.getLong(COST_DATA_CREDITS_PER_ROW));
    }

    private static void refuseRowDearerThanBudget(String perRowKey, long perRow, String perPeriodKey,
            long perPeriod) {
        if (perPeriod > 0 && perRow > perPeriod) {
            throw new ConfigException(perRowKey, perRow, "a row costs more than " + perPeriodKey + " (" + perPeriod
                    + ") allows per period: nothing would ever be released");
        }
    }

    static void define(ConfigDef def, ConfigDef.Validator duration) {
        KeyGroup.of(def, "Throttle")
                .define(THROTTLE_RATE_PER_SECOND, Type.DOUBLE, 10.0, Range.between(0.001, 1_000_000), Importance.HIGH,
                        "Release rate (per second)",
                        "Leads released into leads.clay.outbox per second, across every instance and partition.")
                .define(THROTTLE_BURST, Type.INT, 20, Range.between(1, 1_000_000), Importance.HIGH, "Burst",
                        "Most leads released at once after a quiet spell (the token bucket's size).")
                .define(THROTTLE_PUNCTUATE_INTERVAL_MS, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
                        "Punctuation interval (ms)",
                        "How often, in wall-clock milliseconds, the throttle looks at its backlog and releases what "
                                + "the bucket and the budget allow.");

        KeyGroup.of(def, "Credit budget")
                .define(BUDGET_ACTIONS_PER_PERIOD, Type.LONG, 10_000L, Range.atLeast(0), Importance.HIGH,
                        "Actions per period",
                        "Clay Actions intake may spend per budget period; once spent, leads wait (durably, in order) "
                                + "for the next period. 0: Actions are not limited. Formerly budget.credits.per.period "
                                + "(still read, with a warning).")
                .define(BUDGET_DATA_CREDITS_PER_PERIOD, Type.LONG, 0L, Range.atLeast(0), Importance.HIGH,
                        "Data Credits per period",
                        "Clay Data Credits intake may spend per budget period; once spent, leads wait as for Actions. "
                                + "0: Data Credits are not limited.")
                .define(BUDGET_PERIOD, Type.STRING, "P1D", duration, Importance.HIGH, "Budget period",
                        "Length of a budget period (ISO-8601). Periods are aligned to the UTC epoch, so P1D starts at "
                                + "UTC midnight and PT1H on the hour.");

        KeyGroup.of(def, "Cost per row")
                .define(COST_ACTIONS_PER_ROW, Type.LONG, 2L, Range.atLeast(0), Importance.HIGH, "Actions per row",
                        "Estimated Clay Actions one row sent costs: 1 per enrichment column its table runs, plus 1 "
                                + "for the HTTP API column that calls clayflow back (the default, 2, is one "
                                + "enrichment). A callback carrying clay_actions_used replaces it for that row. "
                                + "Formerly budget.credits.per.lead (still read, with a warning).")
                .define(COST_DATA_CREDITS_PER_ROW, Type.LONG, 0L, Range.atLeast(0), Importance.HIGH,
                        "Data Credits per row",
                        "Estimated Clay Data Credits one row sent costs (what its providers charge per data point "
                                + "found). A callback carrying clay_data_credits_used replaces it for that row.")
                .define(COST_TABLE, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Cost ledger table",
                        "The Clay table the cost ledger books a released row to until its callback names the table "
                                + "(a column mapped to clay_table).");
    }
}
