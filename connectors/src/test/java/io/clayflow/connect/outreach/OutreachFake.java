package io.clayflow.connect.outreach;

import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.OutreachSimulator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The Outreach simulator and an {@link OutreachClient} pointed at it, for the sink's unit tests. */
final class OutreachFake implements AutoCloseable {

    static final String TOKEN = "unit-token";
    static final long SEQUENCE = 11;
    static final long MAILBOX = 5;

    final OutreachSimulator simulator;
    final AtomicInteger responses429 = new AtomicInteger();

    OutreachFake(OutreachConfig.Builder builder) {
        simulator = OutreachSimulator.start(builder.port(0).token(TOKEN).sequence(SEQUENCE).mailbox(MAILBOX).build());
    }

    OutreachClient client(String token, Map<String, String> overrides) {
        Map<String, String> props = new java.util.HashMap<>(OutreachSinkConfigTest.valid());
        props.put(OutreachSinkConfig.BASE_URL, simulator.baseUrl());
        props.put(OutreachSinkConfig.TOKEN, token);
        props.put("retry.backoff.initial.ms", "20");
        props.putAll(overrides);
        return new OutreachClient(new OutreachSinkConfig(props), responses429::incrementAndGet);
    }

    OutreachClient client() {
        return client(TOKEN, Map.of());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
