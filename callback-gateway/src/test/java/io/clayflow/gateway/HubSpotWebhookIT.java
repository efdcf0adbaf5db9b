package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotContact;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.fakes.hubspot.WebhookFaults;
import io.clayflow.gateway.config.HubSpotWebhookConfig;
import io.clayflow.gateway.config.TopicConfig;
import io.clayflow.schemas.ContactChange;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;

/**
 * HubSpot's webhook subscriptions, delivered by the HubSpot fake to a real gateway over loopback HTTP: signed
 * deliveries are published to the contact changes topic once each; a bad signature or a stale timestamp is refused;
 * a repeated delivery is recognised by its event ids and not published again.
 */
@ClayflowIntegrationTest
class HubSpotWebhookIT {

    private static final String SECRET = "hubspot-app-client-secret";
    private static int run;

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private GatewayUnderTest gateway;
    private HubSpotSimulator hubspot;
    private String topic;

    HubSpotWebhookIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeEach
    void start() throws Exception {
        String prefix = "hubspot-webhook-it-" + (++run);
        topic = prefix + ".contact-changes";
        kafka.createTopic(topic, 2);
        gateway = GatewayUnderTest.start(kafka, registry, prefix, Map.of(HubSpotWebhookConfig.CLIENT_SECRET, SECRET,
                TopicConfig.HUBSPOT_CONTACT_CHANGES, topic));
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (hubspot != null) {
            hubspot.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private void subscribe(WebhookFaults faults) {
        hubspot.setWebhookFaults(faults);
        hubspot.subscribeWebhooks(gateway.uri(GatewayServer.HUBSPOT_WEBHOOK_PATH).toString(), SECRET);
    }

    @Test
    void signedDeliveriesArePublishedOnceEvenWhenDeliveredTwiceAndOutOfOrder() throws Exception {
        subscribe(new WebhookFaults(false, false, true, true));
        List<HubSpotContact> created = create(30);
        created.subList(0, 10).forEach(contact -> hubspot.updateContact(contact.id(), Map.of("jobtitle", "CTO")));
        // 30 creations and 10 property changes: 40 events, each delivered twice.
        await("every delivery answered").atMost(Duration.ofSeconds(30))
                .until(() -> hubspot.webhookDeliveries()[1] >= 2 && hubspot.webhookDeliveries()[2] == 0
                        && published() >= 40 && repeatedEvents() >= 40);

        List<ConsumerRecord<String, ContactChange>> records = gateway.consume(kafka, topic, 40);
        await("nothing published twice").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> GatewayUnderTest.endOffsets(gateway.bootstrapServers, topic) == 40);
        assertThat(records).hasSize(40);
        assertThat(records.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet())).hasSize(40);
        assertThat(records).filteredOn(r -> r.value().getSubscriptionType().equals("contact.creation"))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(created.stream().map(HubSpotContact::id).toList());
        assertThat(records).filteredOn(r -> r.value().getSubscriptionType().equals("contact.propertyChange"))
                .allSatisfy(r -> assertThat(r.value().getPropertyName()).isEqualTo("jobtitle")).hasSize(10);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(Long.toString(r.value().getContactId())));
    }

    @Test
    void aBadSignatureOrAStaleTimestampIsRefusedAndNothingIsPublished() throws Exception {
        subscribe(new WebhookFaults(true, false, false, false));
        create(3);
        await("refused").atMost(Duration.ofSeconds(15)).until(() -> hubspot.webhookDeliveries()[2] >= 1);
        subscribe(new WebhookFaults(false, true, false, false));
        create(3);
        await("refused").atMost(Duration.ofSeconds(15)).until(() -> hubspot.webhookDeliveries()[2] >= 2);

        // A delivery signed right but without the timestamp header, and one whose body was changed after signing.
        String body = "[{\"eventId\":1,\"subscriptionType\":\"contact.creation\",\"objectId\":7,\"occurredAt\":1}]";
        String now = Long.toString(System.currentTimeMillis());
        String uri = gateway.uri(GatewayServer.HUBSPOT_WEBHOOK_PATH).toString();
        String signature = HubSpotSignature.sign(SECRET, "POST", uri, body.getBytes(StandardCharsets.UTF_8), now);
        HttpResponse<String> tampered = post(body.replace("\"objectId\":7", "\"objectId\":8"), now, signature);
        HttpResponse<String> good = post(body, now, signature);
        HttpResponse<String> again = post(body, now, signature);

        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(401);
        assertThat(tampered.body()).contains("signature does not match");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).contains("\"published\":1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"published\":0").contains("\"repeated\":1");
        assertThat(gateway.consume(kafka, topic, 1)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("7"));
        assertThat(GatewayUnderTest.endOffsets(gateway.bootstrapServers, topic)).isEqualTo(1);
        assertThat(refusedDeliveries()).isGreaterThanOrEqualTo(3);
    }

    private HttpResponse<String> post(String body, String timestamp, String signature) throws Exception {
        return gateway.http.send(java.net.http.HttpRequest.newBuilder(gateway.uri(GatewayServer.HUBSPOT_WEBHOOK_PATH))
                .header("Content-Type", "application/json").header(HubSpotSignature.TIMESTAMP_HEADER, timestamp)
                .header(HubSpotSignature.SIGNATURE_HEADER, signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<HubSpotContact> create(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> hubspot.createContact(Map.of(
                "email", "w" + i + "-" + System.nanoTime() + "@acme.com", "firstname", "Webhook"))).toList();
    }

    private double published() throws Exception {
        return webhookEvents("published");
    }

    private double repeatedEvents() throws Exception {
        return webhookEvents("repeated");
    }

    private double refusedDeliveries() throws Exception {
        return webhookEvents("refused");
    }

    private double webhookEvents(String outcome) throws Exception {
        String metrics = gateway.get(gateway.management("/metrics")).body();
        Map<String, Double> values = new HashMap<>();
        metrics.lines().filter(line -> line.startsWith("gateway_hubspot_webhook_events_total{"))
                .forEach(line -> values.put(line.substring(line.indexOf("outcome=\"") + 9, line.indexOf("\"}")),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
        return values.getOrDefault(outcome, 0.0);
    }

}
