package io.clayflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.GenericAvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leads written with another version of EnrichedLead than the app was built with: a newer writer's extra field
 * reaches the routes intact, and an older writer's missing field reads as its default in the rules.
 */
class SchemaEvolutionTopologyTest {

    private RoutingDriver routing;
    private GenericAvroSerde writer;

    @BeforeEach
    void start() {
        routing = RoutingDriver.withDefaultRules();
        writer = new GenericAvroSerde();
        writer.configure(Map.of("schema.registry.url", routing.registry.url()), false);
    }

    @AfterEach
    void stop() {
        writer.close();
        routing.close();
    }

    @Test
    void aFieldANewerWriterAddedReachesTheRoutes() {
        List<Schema.Field> fields = copyOfFields(field -> true);
        fields.add(new Schema.Field("tier", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "A field from the future.", Schema.Field.NULL_DEFAULT_VALUE));
        GenericRecord lead = genericLead(fields, 90);
        lead.put("tier", "gold");

        pipe(lead);

        GenericRecord crm = writer.deserializer().deserialize(Topics.LEADS_ROUTE_CRM,
                routing.routeBytes.get(Route.CRM).readValue());
        assertThat(crm.get("tier")).hasToString("gold");
        assertThat(crm.get("lead_id")).hasToString("lead-1");
    }

    @Test
    void aFieldAnOlderWriterLackedReadsAsItsDefault() {
        // No work_email in the writer's schema: the default (null) applies, so a hot lead is not a CRM lead.
        GenericRecord lead = genericLead(copyOfFields(field -> !field.name().equals("work_email")), 90);

        pipe(lead);

        assertThat(routing.idsOn(Route.WAREHOUSE)).containsExactly("lead-1");
        assertThat(routing.routes.get(Route.CRM).isEmpty()).isTrue();
        assertThat(routing.dlq.isEmpty()).isTrue();
    }

    private void pipe(GenericRecord lead) {
        routing.enrichedBytes.pipeInput("lead-1".getBytes(StandardCharsets.UTF_8),
                writer.serializer().serialize(Topics.LEADS_ENRICHED, lead));
    }

    private static List<Schema.Field> copyOfFields(Predicate<Schema.Field> keep) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : EnrichedLead.getClassSchema().getFields()) {
            if (keep.test(field)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return fields;
    }

    /** A lead as a writer with these fields would send it, from the complete test lead. */
    private static GenericRecord genericLead(List<Schema.Field> fields, int icpScore) {
        Schema schema = Schema.createRecord("EnrichedLead", null, "io.clayflow.schemas", false, fields);
        EnrichedLead complete = EnrichedLeads.lead("lead-1", icpScore).build();
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        for (Schema.Field field : schema.getFields()) {
            Schema.Field known = EnrichedLead.getClassSchema().getField(field.name());
            if (known != null) {
                Object value = complete.get(known.pos());
                builder.set(field, value instanceof java.time.Instant instant ? instant.toEpochMilli() : value);
            }
        }
        return new GenericData.Record(builder.build(), true);
    }
}
