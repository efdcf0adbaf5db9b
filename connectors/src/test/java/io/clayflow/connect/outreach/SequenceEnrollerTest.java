package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.fakes.outreach.OutreachConfig;
import io.clayflow.fakes.outreach.Prospect;
import io.clayflow.connect.resilience.UnavailableException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Enrolling prospects against the Outreach fake over real HTTP. */
class SequenceEnrollerTest {

    private OutreachFake outreach;

    @AfterEach
    void stop() {
        outreach.close();
    }

    private Prospect ann() {
        return outreach.simulator.addProspect(new JsonObject().put("emails", new JsonArray().add("ann@acme.com")));
    }

    @Test
    void aProspectIsEnrolledOnceAndAgainIsAlreadyEnrolledNotAnError() throws Exception {
        outreach = new OutreachFake(OutreachConfig.builder());
        SequenceEnroller enroller = new SequenceEnroller(outreach.client(), OutreachFake.SEQUENCE, OutreachFake.MAILBOX);
        Prospect ann = ann();

        assertThat(enroller.enroll(ann.id())).isEqualTo(SequenceEnroller.Enrolment.ENROLLED);
        assertThat(enroller.enroll(ann.id())).isEqualTo(SequenceEnroller.Enrolment.ALREADY_ENROLLED);
        assertThat(outreach.simulator.sequenceStates(OutreachFake.SEQUENCE)).hasSize(1);
    }

    @Test
    void aProspectARepEnrolledBeforeIsAlreadyEnrolled() throws Exception {
        outreach = new OutreachFake(OutreachConfig.builder());
        SequenceEnroller enroller = new SequenceEnroller(outreach.client(), OutreachFake.SEQUENCE, OutreachFake.MAILBOX);
        Prospect ann = ann();
        outreach.simulator.enroll(ann.id(), OutreachFake.SEQUENCE, OutreachFake.MAILBOX);

        assertThat(enroller.enroll(ann.id())).isEqualTo(SequenceEnroller.Enrolment.ALREADY_ENROLLED);
    }

    @Test
    void anUnknownSequenceFailsTheTaskNamingTheKeys() {
        outreach = new OutreachFake(OutreachConfig.builder());
        SequenceEnroller enroller = new SequenceEnroller(outreach.client(), 999, OutreachFake.MAILBOX);
        Prospect ann = ann();

        assertThatThrownBy(() -> enroller.enroll(ann.id())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Could not find 'sequence' with ID '999'")
                .hasMessageContaining(OutreachSinkConfig.SEQUENCE_ID);
    }

    @Test
    void pastTheLimitALongResetComesBackAsAWaitNotASleep() {
        outreach = new OutreachFake(OutreachConfig.builder().rateLimit(1, Duration.ofMinutes(30)));
        SequenceEnroller enroller = new SequenceEnroller(outreach.client(OutreachFake.TOKEN,
                Map.of(OutreachSinkConfig.MAX_INLINE_WAIT_MS, "1000")), OutreachFake.SEQUENCE, OutreachFake.MAILBOX);
        Prospect ann = ann();

        assertThatThrownBy(() -> {
            enroller.enroll(ann.id());
            enroller.enroll(ann.id());
        }).isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                    .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31)));
        });
        assertThat(outreach.responses429).hasValue(1);
        assertThat(outreach.simulator.stats().earlyRetries()).as("not asked again before the reset").isZero();
    }
}
