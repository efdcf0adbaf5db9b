package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.connect.http.JsonHttpClient;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotContact;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.LeadSources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lead that came from a HubSpot contact is written back onto that contact by its id, against the fake. */
class WriteBackByIdTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);
    private static final ContactMapper MAPPER = new ContactMapper(
            FieldMapping.parse(List.of(HubSpotSinkConfig.DEFAULT_MAPPING.split(","))), Optional.of("clayflow_lead_id"),
            List.of("email", "work_email"), Optional.of("clayflow_enriched_at"), CLOCK);

    private HubSpotSimulator hubspot;

    @AfterEach
    void stop() {
        if (hubspot != null) {
            hubspot.close();
        }
    }

    private static EnrichedLead.Builder fromContact(String contactId) {
        return TestLeads.lead(1).setSource(LeadSources.CRM_EVENT).setSourceId(contactId);
    }

    @Test
    void aCrmEventLeadIsWrittenByItsContactIdWithoutAnEmailAndStampedWithTheWriteTime() {
        ContactInput input = MAPPER.map(TestLeads.record(1), fromContact("1234").setEmail(null).setWorkEmail(null)
                .build());

        assertThat(input.byId()).isTrue();
        assertThat(input.contactId()).isEqualTo("1234");
        assertThat(input.properties()).doesNotContainKey("email")
                .containsEntry("clayflow_enriched_at", Long.toString(CLOCK.millis()))
                .containsEntry("industry", "Software");
    }

    @Test
    void aLeadFromAnotherSourceOrWithoutARecordIdIsStillUpsertedByEmail() {
        assertThat(MAPPER.map(TestLeads.record(1), TestLeads.lead(1).setSourceId("1234").build()).byId()).isFalse();
        assertThat(MAPPER.map(TestLeads.record(1), fromContact("not-an-id").build()).email())
                .isEqualTo("person1@acme.com");
    }

    @Test
    void batchesAreWrittenByIdOrByEmailNeverMixed() {
        List<ContactInput> inputs = List.of(MAPPER.map(TestLeads.record(1), fromContact("1").build()),
                MAPPER.map(TestLeads.record(2), fromContact("2").build()), TestLeads.input(3),
                MAPPER.map(TestLeads.record(4), fromContact("4").build()));

        assertThat(new BatchPlanner(100).batches(inputs)).extracting(List::size).containsExactly(2, 1, 1);
    }

    @Test
    void theContactWithoutEmailIsEnrichedInPlaceAndAMissingContactIsRefusedAlone() throws Exception {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
        HubSpotContact noEmail = hubspot.createContact(Map.of("firstname", "Grace", "lastname", "Hopper"));
        HubSpotContact withEmail = hubspot.createContact(Map.of("email", "ada@acme.com"));
        ContactUpserter upserter = new ContactUpserter(new HubSpotClient(new PeerClient(
                JsonHttpClient.create(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new ResilientHttp(ResilientCall.create("HubSpot", new ResilienceSettings(100, Duration.ofSeconds(1),
                        2, Duration.ofMillis(10), Duration.ofMillis(10), 50, 100, Duration.ofSeconds(1))),
                        HubSpotWaitHint::of),
                Map.of("Authorization", "Bearer " + HubSpotConfig.DEFAULT_TOKEN), () -> { }),
                new HubSpotSinkConfig(Map.of(HubSpotAccess.BASE_URL, hubspot.baseUrl(), HubSpotAccess.TOKEN,
                        HubSpotConfig.DEFAULT_TOKEN, "schema.registry.url", "http://localhost:8081"))));

        ContactUpserter.Outcome outcome = upserter.upsert(List.of(
                MAPPER.map(TestLeads.record(1), fromContact(noEmail.id()).setEmail(null).setWorkEmail(null).build()),
                MAPPER.map(TestLeads.record(2), fromContact(withEmail.id()).setEmail("ada@acme.com").build()),
                MAPPER.map(TestLeads.record(3), fromContact("999999").build())));

        assertThat(outcome.upserted()).isEqualTo(2);
        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.input().contactId()).isEqualTo("999999");
            assertThat(rejection.reason()).contains("OBJECT_NOT_FOUND");
        });
        assertThat(hubspot.contacts()).as("written in place: no contact created").hasSize(2);
        HubSpotContact grace = hubspot.contactById(noEmail.id()).orElseThrow();
        assertThat(grace.email()).isNull();
        assertThat(grace.properties()).containsEntry("industry", "Software").containsEntry("firstname", "Person")
                .containsEntry("clayflow_enriched_at", Long.toString(CLOCK.millis()));
        assertThat(grace.version()).isEqualTo(2);
    }
}
