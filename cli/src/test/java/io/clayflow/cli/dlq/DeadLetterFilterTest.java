package io.clayflow.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.status.DeadLetterInfo;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterFilterTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest(name = "stage={0} reason={1} from={2} to={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "null, null, null, null, true",
            "intake.validate, null, null, null, true",
            "intake.*, null, null, null, true",
            "intake.decode, null, null, null, false",
            "null, email.*, null, null, true",
            "null, email.syntax, 2026-11-20T10:00:00Z, null, true",
            "null, null, 2026-11-20T10:00:01Z, null, false",
            "null, null, null, 2026-11-20T10:00:00Z, false",
            "null, null, 2026-11-20T09:00:00Z, 2026-11-20T11:00:00Z, true"})
    void selectsByStageReasonAndTime(String stage, String reason, String from, String to, boolean selected) {
        DeadLetterEntry entry = new DeadLetterEntry("leads.dlq", 0, 0, AT, null, null, new RecordHeaders(),
                new DeadLetterInfo(DeadLetterInfo.Convention.CLAYFLOW, "intake.validate", "email.syntax",
                        "leads.raw", 0, 0L, null, null, null));
        DeadLetterFilter filter = new DeadLetterFilter(stage, reason, from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to));

        assertThat(filter.matches(entry)).isEqualTo(selected);
    }
}
