package io.clayflow.stack;

import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.OutreachSimulator;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The Outreach fake in this JVM (prospects and sequence states with Outreach's auth, per-user rate limit and errors),
 * with one sequence and one mailbox, accepting the stack's generated token: where the outreach sink enrols
 * {@code leads.route.outreach}.
 */
public final class OutreachPart implements StackPart {

    /** The local sequence leads are enrolled in, and the mailbox it sends from. */
    public static final long SEQUENCE_ID = 1;
    public static final long MAILBOX_ID = 1;

    private final StackConfig config;
    private final StackSecrets secrets;
    private final HttpProbe http = new HttpProbe();
    private OutreachSimulator outreach;

    public OutreachPart(StackConfig config, StackSecrets secrets) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public String name() {
        return "outreach-fake";
    }

    /** The running fake (its prospects, sequence states and counters), for tests. */
    public OutreachSimulator outreach() {
        if (outreach == null) {
            throw new IllegalStateException("The Outreach fake is not running");
        }
        return outreach;
    }

    @Override
    public void start() {
        outreach = OutreachSimulator.start(OutreachConfig.builder()
                .host(config.host())
                .port(config.port(StackConfig.OUTREACH_PORT))
                .token(secrets.outreachToken().value())
                .sequence(SEQUENCE_ID)
                .mailbox(MAILBOX_ID)
                .build());
    }

    @Override
    public boolean isReady() {
        return outreach != null && http.status(URI.create(config.outreachUrl() + "/health")) == 200;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("REST API v2", config.outreachUrl() + "/api/v2 (sequence " + SEQUENCE_ID
                        + ", mailbox " + MAILBOX_ID + ")"),
                new Endpoint("prospects and counters", config.outreachUrl() + "/admin/prospects, /admin/stats"));
    }

    @Override
    public void stop() {
        if (outreach != null) {
            outreach.close();
            outreach = null;
        }
    }

    @Override
    public boolean isStopped() {
        return outreach == null;
    }
}
