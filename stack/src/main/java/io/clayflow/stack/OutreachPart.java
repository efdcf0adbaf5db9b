package io.clayflow.stack;

import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.OutreachSimulator;
import java.util.List;

/**
 * The Outreach fake in this JVM (prospects and sequence states with Outreach's auth, per-user rate limit and errors),
 * with one sequence and one mailbox, accepting the stack's generated token: where the outreach sink enrols
 * {@code leads.route.outreach}.
 */
public final class OutreachPart extends FakeServicePart<OutreachSimulator> {

    /** The local sequence leads are enrolled in, and the mailbox it sends from. */
    public static final long SEQUENCE_ID = 1;
    public static final long MAILBOX_ID = 1;

    public OutreachPart(StackConfig config, StackSecrets secrets) {
        super("outreach-fake", config, secrets, config.url(StackConfig.OUTREACH_PORT));
    }


    @Override
    OutreachSimulator launch() {
        return OutreachSimulator.start(OutreachConfig.builder()
                .host(config.host())
                .port(config.port(StackConfig.OUTREACH_PORT))
                .token(secrets.get(StackSecret.OUTREACH_TOKEN).value())
                .sequence(SEQUENCE_ID)
                .mailbox(MAILBOX_ID)
                .build());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("REST API v2", config.url(StackConfig.OUTREACH_PORT) + "/api/v2 (sequence " + SEQUENCE_ID
                        + ", mailbox " + MAILBOX_ID + ")"),
                new Endpoint("prospects and counters", config.url(StackConfig.OUTREACH_PORT) + "/admin/prospects, /admin/stats"));
    }
}
