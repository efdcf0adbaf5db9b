package io.clayflow.cli.dlq;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How dead-letter commands print times: UTC, to the second. */
final class Tables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Tables() {
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
