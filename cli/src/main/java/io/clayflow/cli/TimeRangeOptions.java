package io.clayflow.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * A time range, from inclusive to exclusive, shared by the commands that select by time ({@code cost} and the
 * {@code dlq} commands: {@code @Mixin TimeRangeOptions range;}). Either end may be left out; what that means is the
 * command's to say.
 */
public final class TimeRangeOptions {

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "From this time, inclusive: 2026-11-20T10:00:00Z, 2026-11-20 (UTC midnight), or an age such "
                    + "as 2h or 7d.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Up to this time, exclusive (same forms as --from).")
    Instant to;

    /** The start, or null when not given. */
    public Instant from() {
        return from;
    }

    /** The end, or null when not given. */
    public Instant to() {
        return to;
    }
}
