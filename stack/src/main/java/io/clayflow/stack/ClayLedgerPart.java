package io.clayflow.stack;

import io.clayflow.ledger.ClayLedgerApp;
import io.clayflow.ledger.ClayLedgerConfig;

/**
 * The Clay ledger: every row Clay accepted ({@code leads.clay.sent}) awaits its callback ({@code leads.enriched});
 * rows past {@code override.ledger.clay.callback.timeout} (30 minutes) are overdue, dead-lettered once.
 */
public final class ClayLedgerPart extends StreamsAppPart<ClayLedgerConfig> {

    public ClayLedgerPart(StackConfig config) {
        super(config, ClayLedgerConfig.APP, ClayLedgerConfig.LOADER, StackConfig.LEDGER_METRICS_PORT,
                ClayLedgerApp::new);
    }
}
