package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotFaults;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.connect.resilience.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upsert logic against the HubSpot fake over loopback HTTP: what lands, what is refused and why. */
class ContactUpserterTest {

    private HubSpotSimulator hubspot;
    private final AtomicInteger responses429 = new AtomicInteger();

    @AfterEach
    void stop() {
        if (hubspot != null) {
            hubspot.close();
        }
    }

    @Test
    void aBatchLandsWholeAsContactsWithTheirProperties() throws Exception {
        ContactUpserter upserter = upserter(HubSpotConfig.builder(), Map.of());

        ContactUpserter.Outcome outcome = upserter.upsert(inputs(0, 100));

        assertThat(outcome.upserted()).isEqualTo(100);
        assertThat(outcome.rejected()).isEmpty();
        assertThat(hubspot.contacts()).hasSize(100);
        assertThat(hubspot.contact("person42@acme.com")).get().extracting(c -> c.property("clayflow_lead_id"))
                .isEqualTo("lead-42");
        assertThat(hubspot.stats().requests()).isEqualTo(1);
    }

    @Test
    void aPartialFailureRefusesOnlyTheBadContactWithHubSpotsMessage() throws Exception {
        ContactUpserter upserter = upserter(HubSpotConfig.builder(), Map.of());
        List<ContactInput> batch = inputs(0, 10);
        batch.set(4, TestLeads.DEFAULT_MAPPER.map(TestLeads.record(4), TestLeads.lead(4).setEmail("ada@@acme")
                .build()));

        ContactUpserter.Outcome outcome = upserter.upsert(batch);

        assertThat(outcome.upserted()).isEqualTo(9);
        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.input().record().kafkaOffset()).isEqualTo(4);
            assertThat(rejection.reason()).contains("HTTP 207").contains("INVALID_EMAIL").contains("ada@@acme");
        });
        assertThat(hubspot.contacts()).hasSize(9);
        assertThat(hubspot.stats().requests()).isEqualTo(1);
    }

    @Test
    void aBatchRefusedWholeForOneContactIsHalvedUntilOnlyThatContactIsRefused() throws Exception {
        ContactUpserter upserter = upserter(HubSpotConfig.builder().maxValueLength(1_000), Map.of());
        List<ContactInput> batch = inputs(0, 100);
        batch.set(61, TestLeads.DEFAULT_MAPPER.map(TestLeads.record(61), TestLeads.lead(61)
                .setTitle("x".repeat(1_001)).build()));

        ContactUpserter.Outcome outcome = upserter.upsert(batch);

        assertThat(outcome.upserted()).isEqualTo(99);
        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.input().record().kafkaOffset()).isEqualTo(61);
            assertThat(rejection.reason()).contains("HTTP 400 VALIDATION_ERROR").contains("jobtitle");
        });
        assertThat(hubspot.contacts()).hasSize(99);
        assertThat(hubspot.stats().requests()).as("requests to pin one bad contact in 100").isLessThanOrEqualTo(15);
    }

    @Test
    void aPropertyHubSpotLacksIsAConfigurationErrorNotABadContact() {
        ContactUpserter upserter = upserter(HubSpotConfig.builder().properties(java.util.Set.of("firstname")),
                Map.of());

        assertThatThrownBy(() -> upserter.upsert(inputs(0, 5))).isInstanceOf(HubSpotConfigException.class)
                .hasMessageContaining("clayflow_lead_id").hasMessageContaining("hubspot.mapping");
        assertThat(hubspot.stats().requests()).as("no halving for a configuration error").isEqualTo(1);
    }

    @Test
    void aWrongTokenIsAConfigurationErrorNamingTheKeyButNotTheToken() {
        ContactUpserter upserter = upserter(HubSpotConfig.builder().token("the-right-one"),
                Map.of("hubspot.token", "pat-wrong-s3cret"));

        assertThatThrownBy(() -> upserter.upsert(inputs(0, 5))).isInstanceOf(HubSpotConfigException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("hubspot.token")
                .hasMessageNotContaining("pat-wrong-s3cret");
        assertThat(hubspot.contacts()).isEmpty();
    }

    @Test
    void pastHubSpotsRollingLimitTheClientWaitsTheIntervalAndEveryContactLands() throws Exception {
        // HubSpot allows 2 requests per rolling second; the sink is (mis)configured for 1000.
        ContactUpserter upserter = upserter(HubSpotConfig.builder().rateLimit(2, Duration.ofSeconds(1)),
                Map.of("rate.limit.requests", "1000", "retry.max.attempts", "5"));
        long start = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            assertThat(upserter.upsert(inputs(i * 10, 10)).upserted()).isEqualTo(10);
        }

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(hubspot.contacts()).hasSize(50);
        assertThat(responses429.get()).isPositive();
        assertThat(took).as("5 requests at 2 per rolling second").isGreaterThanOrEqualTo(Duration.ofMillis(2_000));
        assertThat(hubspot.stats().requestsWithStatus(429)).as("each 429 waited out: no hammering")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void whenHubSpotStaysDownTheBatchIsUnavailableWithTheRetryAfterItAskedFor() {
        ContactUpserter upserter = upserter(HubSpotConfig.builder().faults(HubSpotFaults.none()
                .with429Storm(Duration.ofSeconds(1))), Map.of("retry.max.attempts", "2"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> upserter.upsert(inputs(0, 3))).isInstanceOfSatisfying(UnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After honoured between the 2 attempts")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        assertThat(hubspot.stats().requests()).isEqualTo(2);
        assertThat(hubspot.contacts()).isEmpty();
    }

    private ContactUpserter upserter(HubSpotConfig.Builder fake, Map<String, String> overrides) {
        hubspot = HubSpotSimulator.start(fake.port(0).build());
        Map<String, String> props = new java.util.HashMap<>(Map.of("hubspot.base.url", hubspot.baseUrl(),
                "hubspot.token", hubspot.config().tokens().iterator().next(), "schema.registry.url", "http://unused",
                "retry.backoff.initial.ms", "10", "retry.backoff.max.ms", "100"));
        props.putAll(overrides);
        return new ContactUpserter(HubSpotClient.create(new HubSpotSinkConfig(props), responses429::incrementAndGet));
    }

    private static List<ContactInput> inputs(int from, int count) {
        List<ContactInput> inputs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            inputs.add(TestLeads.input(i));
        }
        return inputs;
    }

}
