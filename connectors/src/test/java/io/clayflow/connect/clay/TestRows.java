package io.clayflow.connect.clay;

import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/** Outbox records and rows for the tests. */
final class TestRows {

    private TestRows() {
    }

    static Lead lead(int n) {
        return Lead.newBuilder()
                .setLeadId("lead-" + n)
                .setEmail("person" + n + "@acme.com")
                .setFirstName("Person")
                .setLastName(Integer.toString(n))
                .setCompanyDomain("acme.com")
                .setSource("test")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                .setAttributes(Map.of("plan", "pro"))
                .build();
    }

    static SinkRecord record(int offset) {
        return new SinkRecord("leads.clay.outbox", 0, null, "lead-" + offset, null, new byte[0], offset);
    }

    static ClayRow row(int n) {
        return ClayRow.of(record(n), lead(n));
    }
}
