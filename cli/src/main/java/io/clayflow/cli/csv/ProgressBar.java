package io.clayflow.cli.csv;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A plain-text progress bar on one terminal line ({@code \r}-redrawn, at most ten times a second), or nothing at all
 * when the output is not a terminal, so logs and pipes stay clean.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean enabled;
    private final long total;
    private final LongSupplier clock;
    private long lastDraw = Long.MIN_VALUE;

    public ProgressBar(PrintWriter out, boolean enabled, long total, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.enabled = enabled;
        this.total = Math.max(1, total);
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Redraws when enough time has passed since the last redraw. */
    public void update(long done, long rows) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(done, rows);
    }

    /** Draws the final state and ends the line. */
    public void finish(long rows) {
        if (!enabled) {
            return;
        }
        draw(total, rows);
        out.println();
        out.flush();
    }

    private void draw(long done, long rows) {
        int percent = (int) Math.min(100, 100 * done / total);
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%  "
                + String.format("%,d", rows) + " rows");
        out.flush();
    }
}
