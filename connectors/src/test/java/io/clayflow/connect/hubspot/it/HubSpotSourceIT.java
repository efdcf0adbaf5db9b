package io.clayflow.connect.hubspot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.connect.it.ConnectWorker;
import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotContact;
import io.clayflow.fakes.hubspot.HubSpotFaults;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.schemas.ContactChange;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.LeadSources;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot source in a real Connect worker (exactly-once source support on, loaded from the packaged plugin),
 * searching the HubSpot fake over loopback HTTP, writing Avro leads to a real broker with the schema in a real
 * registry; then the HubSpot sink writing the enrichment back onto the same contacts, which must not come back.
 */
@ClayflowIntegrationTest
class HubSpotSourceIT {

    private static final String SOURCE = "io.clayflow.connect.hubspot.source.HubSpotSourceConnector";
    private static final String SINK = "io.clayflow.connect.hubspot.HubSpotSinkConnector";

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> workerSettings = new HashMap<>();
    private HubSpotSimulator hubspot;
    private ConnectWorker worker;

    HubSpotSourceIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
        // The same group and storage topics for the worker after its restart, so it finds the offsets it wrote.
        workerSettings.put("group.id", "hubspot-source-it-" + run);
        workerSettings.put("config.storage.topic", "hubspot-source-it-" + run + "-configs");
        workerSettings.put("offset.storage.topic", "hubspot-source-it-" + run + "-offsets");
        workerSettings.put("status.storage.topic", "hubspot-source-it-" + run + "-status");
        workerSettings.put("exactly.once.source.support", "enabled");
        workerSettings.put("rest.extension.classes", "io.clayflow.connect.metrics.PrometheusMetricsExtension");
        // The plugin ships ServiceLoader manifests: no class scanning, a start in seconds rather than half a minute.
        workerSettings.put("plugin.discovery", "service_load");
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (hubspot != null) {
            hubspot.close();
        }
    }

    /**
     * 500 contacts created and 200 changed while the source runs, the worker restarted and a 429 storm in between:
     * each of the 700 changes becomes exactly one lead (by contact id and modification time). Then each person's
     * enrichment is written back onto the same contact id, and those writes bring no new lead.
     */
    @Test
    void everyChangeBecomesOneLeadAcrossARestartAndA429StormAndTheWriteBackDoesNotComeBack() throws Exception {
        long started = System.nanoTime();
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
        String leadsTopic = "hubspot-source-it-" + run + ".leads.raw";
        kafka.createTopic(leadsTopic, 2);
        Set<String> expected = new HashSet<>();
        List<HubSpotContact> contacts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            contacts.add(create(i, expected));
        }
        worker = ConnectWorker.start(kafka.bootstrapServers(), workerSettings);
        String source = "hubspot-source-" + run;
        worker.putConnector(source, sourceConfig(leadsTopic));
        worker.awaitRunning(source);

        try (LeadsTail tail = new LeadsTail(kafka, registry.url(), leadsTopic, 2)) {
            awaitLeads(tail, 250);
            // Changes while the source runs, with a worker restart among them.
            for (int i = 250; i < 375; i++) {
                contacts.add(create(i, expected));
            }
            for (int i = 0; i < 50; i++) {
                change(contacts.get(i), "Head of Sales", expected);
            }
            worker.close();
            worker = ConnectWorker.start(kafka.bootstrapServers(), workerSettings);
            worker.awaitRunning(source);
            for (int i = 375; i < 500; i++) {
                contacts.add(create(i, expected));
            }
            for (int i = 50; i < 100; i++) {
                change(contacts.get(i), "Head of Sales", expected);
            }
            awaitLeads(tail, 600);

            // A 429 storm (Retry-After: 1 s) while 100 more contacts change.
            hubspot.setFaults(HubSpotFaults.none().with429Storm(Duration.ofSeconds(1)));
            long before429s = hubspot.stats().requestsWithStatus(429);
            for (int i = 100; i < 200; i++) {
                change(contacts.get(i), "Chief Revenue Officer", expected);
            }
            await("429s answered").atMost(Duration.ofSeconds(20))
                    .until(() -> hubspot.stats().requestsWithStatus(429) - before429s >= 3);
            hubspot.setFaults(HubSpotFaults.none());
            awaitLeads(tail, 700);
            await("no lead beyond the 700 changes").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> tail.count() == 700);

            List<Lead> leads = tail.leads();
            Set<String> seen = new HashSet<>();
            leads.forEach(lead -> seen.add(lead.getSourceId() + "@" + lead.getOccurredAt().toEpochMilli()));
            assertThat(leads).allSatisfy(lead -> assertThat(lead.getSource()).isEqualTo(LeadSources.CRM_EVENT));
            assertThat(seen).as("each change once: none skipped, none repeated").hasSize(700)
                    .containsExactlyInAnyOrderElementsOf(expected);
            Lead noEmail = leads.stream().filter(lead -> lead.getSourceId().equals(contacts.get(9).id())).findFirst()
                    .orElseThrow();
            assertThat(noEmail.getEmail()).isNull();
            assertThat(noEmail.getLastName()).isEqualTo("Number9");
            assertThat(noEmail.getCompanyDomain()).isEqualTo("acme9.com");
            long http429 = hubspot.stats().requestsWithStatus(429) - before429s;
            long changesSeconds = (System.nanoTime() - started) / 1_000_000_000;

            // Enrichment of each person, once, routed to the CRM: the sink writes it onto the same contact id.
            Map<String, Integer> versions = new HashMap<>();
            hubspot.contacts().forEach(contact -> versions.put(contact.id(), contact.version()));
            String route = "hubspot-source-it-" + run + ".leads.route.crm";
            kafka.createTopic(route, 2);
            produceEnriched(route, latestPerContact(leads));
            worker.putConnector("hubspot-sink-" + run, sinkConfig(route));
            worker.awaitRunning("hubspot-sink-" + run);
            await("every contact enriched").atMost(Duration.ofSeconds(120)).until(() -> hubspot.contacts().stream()
                    .allMatch(contact -> "Software".equals(contact.property("industry"))));

            assertThat(hubspot.contacts()).as("written back in place: no contact created").hasSize(500)
                    .allSatisfy(contact -> {
                        assertThat(contact.version()).as("contact " + contact.id() + " written once")
                                .isEqualTo(versions.get(contact.id()) + 1);
                        assertThat(contact.property("clayflow_enriched_at")).isNotNull();
                    });
            assertThat(hubspot.contactById(contacts.get(9).id()).orElseThrow().email()).isNull();
            double skipped = await("own writes skipped on /metrics").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> metric("clayflow_connect_own_writes_skipped_total", source), total -> total >= 500);
            await("the write-back brings no lead").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> tail.count() == 700);
            System.out.printf("HubSpot source: 700 changes (500 created, 200 changed) -> %d leads, %d distinct, "
                            + "worker restarted once, %d answers 429 in the storm, %d s; write-back: 500 contacts "
                            + "updated by id, %.0f own writes skipped, leads still %d%n", leads.size(), seen.size(),
                    http429, changesSeconds, skipped, tail.count());
        }
    }

    /**
     * The webhook path: contact changes as the gateway publishes them (one of them twice, one naming a contact the
     * portal does not have, one our own write-back) become leads of the contacts read 100 at a time; after a
     * restart of the connector only new changes make leads.
     */
    @Test
    void contactsNamedByWebhookChangesArriveAsLeadsThroughBatchReads() throws Exception {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build());
        String leadsTopic = "hubspot-webhook-it-" + run + ".leads.raw";
        String changesTopic = "hubspot-webhook-it-" + run + ".contact-changes";
        kafka.createTopic(leadsTopic, 1);
        kafka.createTopic(changesTopic, 2);
        List<HubSpotContact> contacts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            contacts.add(create(i, new HashSet<>()));
        }
        // Contact 5 was last written by our sink: its change is our write-back.
        HubSpotContact ours = hubspot.updateContact(contacts.get(5).id(),
                Map.of("clayflow_enriched_at", Long.toString(System.currentTimeMillis()))).orElseThrow();
        List<ContactChange> changes = new ArrayList<>();
        contacts.forEach(contact -> changes.add(change(contact.id())));
        changes.add(change(contacts.get(7).id()));
        changes.add(change("999999"));
        produceChanges(changesTopic, changes);

        worker = ConnectWorker.start(kafka.bootstrapServers(), workerSettings);
        String source = "hubspot-webhook-source-" + run;
        Map<String, String> config = sourceConfig(leadsTopic);
        config.put("search.enabled", "false");
        config.put("changes.topic", changesTopic);
        config.put("changes.bootstrap.servers", kafka.bootstrapServers());
        worker.putConnector(source, config);
        worker.awaitRunning(source);

        try (LeadsTail tail = new LeadsTail(kafka, registry.url(), leadsTopic, 1)) {
            awaitLeads(tail, 149);
            await("no other lead").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> tail.count() <= 150);
            List<Lead> leads = tail.leads();
            Set<String> ids = new HashSet<>();
            leads.forEach(lead -> ids.add(lead.getSourceId()));
            assertThat(ids).hasSize(149).doesNotContain(ours.id(), "999999");
            assertThat(leads.size()).as("contact 7, named twice, read once or twice (two reads of 100)")
                    .isBetween(149, 150);
            long batchReads = hubspot.stats().batchReads();
            assertThat(batchReads).as("151 changes, at most 100 contacts a read").isBetween(2L, 4L);
            assertThat(hubspot.stats().searches()).as("search path off").isZero();

            worker.stop(source);
            worker.resume(source);
            int before = tail.count();
            produceChanges(changesTopic, List.of(change(contacts.get(20).id()), change(contacts.get(21).id())));
            await("two more leads").atMost(Duration.ofSeconds(30)).until(() -> tail.count() >= before + 2);
            await("and no more").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> tail.count() == before + 2);
            System.out.printf("HubSpot source, webhook path: 152 changes (150 contacts, 1 repeated, 1 unknown, 1 "
                    + "our own write) -> %d leads of %d contacts in %d batch reads; after a restart 2 changes -> 2 "
                    + "leads%n", leads.size(), ids.size(), batchReads);
        }
    }

    private static ContactChange change(String contactId) {
        return ContactChange.newBuilder().setEventId(UUID.randomUUID().toString())
                .setContactId(Long.parseLong(contactId)).setSubscriptionType("contact.propertyChange")
                .setPropertyName("jobtitle").setOccurredAt(Instant.now()).build();
    }

    private void produceChanges(String topic, List<ContactChange> changes) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (ContactChange change : changes) {
                records.add(new ProducerRecord<>(topic, Long.toString(change.getContactId())
                        .getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, change)));
            }
        }
        kafka.produceAll(records);
    }

    private HubSpotContact create(int i, Set<String> expected) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (i % 10 != 9) {
            properties.put("email", "person" + i + "@acme" + (i % 7) + ".com");
        }
        properties.put("firstname", "Person");
        properties.put("lastname", "Number" + i);
        properties.put("company", "Acme " + (i % 7));
        properties.put("website", "acme" + i + ".com");
        properties.put("jobtitle", "VP Sales");
        HubSpotContact contact = hubspot.createContact(properties);
        expected.add(contact.id() + "@" + contact.lastModified().toEpochMilli());
        return contact;
    }

    private void change(HubSpotContact contact, String title, Set<String> expected) {
        HubSpotContact changed = hubspot.updateContact(contact.id(), Map.of("jobtitle", title)).orElseThrow();
        expected.add(changed.id() + "@" + changed.lastModified().toEpochMilli());
    }

    private static void awaitLeads(LeadsTail tail, int count) {
        await(count + " leads").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> tail.count() >= count);
    }

    private Map<String, String> sourceConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SOURCE);
        config.put("exactly.once.support", "required");
        config.put("topic", topic);
        config.put("schema.registry.url", registry.url());
        config.put("hubspot.base.url", hubspot.baseUrl());
        config.put("hubspot.token", HubSpotConfig.DEFAULT_TOKEN);
        config.put("hubspot.mapping", "email:email,first_name:firstname,last_name:lastname,company_name:company,"
                + "title:jobtitle,company_domain:website");
        // Shortened for the test: the fake's search sees a write at once.
        config.put("poll.interval.ms", "200");
        config.put("search.settle.ms", "300");
        config.put("retry.max.attempts", "3");
        config.put("retry.backoff.initial.ms", "100");
        config.put("circuit.open.wait.ms", "1000");
        return config;
    }

    private Map<String, String> sinkConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SINK);
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("topics", topic);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("schema.registry.url", registry.url());
        config.put("hubspot.base.url", hubspot.baseUrl());
        config.put("hubspot.token", HubSpotConfig.DEFAULT_TOKEN);
        return config;
    }

    /** What Clay would give back for each person: the latest lead of each contact, enriched. */
    private static List<EnrichedLead> latestPerContact(List<Lead> leads) {
        Map<String, Lead> latest = new LinkedHashMap<>();
        leads.forEach(lead -> latest.merge(lead.getSourceId(), lead,
                (a, b) -> a.getOccurredAt().isAfter(b.getOccurredAt()) ? a : b));
        List<EnrichedLead> enriched = new ArrayList<>();
        latest.values().forEach(lead -> enriched.add(EnrichedLead.newBuilder()
                .setLeadId("lead-" + lead.getSourceId()).setEmail(lead.getEmail()).setFirstName(lead.getFirstName())
                .setLastName(lead.getLastName()).setCompanyName(lead.getCompanyName())
                .setCompanyDomain(lead.getCompanyDomain()).setTitle(lead.getTitle()).setSource(lead.getSource())
                .setSourceId(lead.getSourceId()).setOccurredAt(lead.getOccurredAt()).setIndustry("Software")
                .setIcpScore(80).setEnrichedAt(Instant.now()).build()));
        return enriched;
    }

    private void produceEnriched(String topic, List<EnrichedLead> leads) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (EnrichedLead lead : leads) {
                records.add(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, lead)));
            }
        }
        kafka.produceAll(records);
    }

    private double metric(String name, String connector) {
        String body = worker.get("/metrics").body();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name + "{connector=\"" + connector
                + "\",task=\"0\"}") + " ([0-9.E]+)$", Pattern.MULTILINE).matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
