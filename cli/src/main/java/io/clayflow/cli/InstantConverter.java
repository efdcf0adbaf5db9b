package io.clayflow.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time: an ISO-8601 instant ({@code 2026-11-20T10:00:00Z}), a UTC date-time without zone
 * ({@code 2026-11-20T10:00}), a UTC date ({@code 2026-11-20}, its midnight), or an age ({@code 2h}: two hours ago).
 */
public final class InstantConverter implements ITypeConverter<Instant> {

    private final Clock clock;

    public InstantConverter() {
        this(Clock.systemUTC());
    }

    InstantConverter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // not an instant; try the other forms
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date-time
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date
        }
        try {
            return clock.instant().minus(new DurationConverter().convert(text));
        } catch (TypeConversionException e) {
            throw new TypeConversionException("'" + value + "' is not a time: use 2026-11-20T10:00:00Z, "
                    + "2026-11-20T10:00 (UTC), 2026-11-20, or an age such as 2h");
        }
    }
}
