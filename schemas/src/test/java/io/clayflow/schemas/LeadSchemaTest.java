package io.clayflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeadSchemaTest {

    static Stream<Schema> schemas() {
        return Stream.of(Lead.getClassSchema(), EnrichedLead.getClassSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void everyFieldHasADoc(Schema schema) {
        assertThat(schema.getDoc()).isNotBlank();
        assertThat(schema.getFields()).allSatisfy(field -> assertThat(field.doc()).as(field.name()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void optionalFieldsAreNullUnionsDefaultingToNull(Schema schema) {
        List<Schema.Field> optional = schema.getFields().stream().filter(f -> f.schema().isUnion()).toList();
        assertThat(optional).isNotEmpty().allSatisfy(field -> {
            assertThat(field.schema().getTypes().get(0).getType()).as(field.name()).isEqualTo(Schema.Type.NULL);
            assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void timestampsAreTimestampMillis(Schema schema) {
        assertThat(schema.getFields().stream().filter(f -> f.name().endsWith("_at")))
                .isNotEmpty()
                .allSatisfy(field -> assertThat(field.schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis()));
    }

    @Test
    void leadCarriesTheContractFields() {
        assertThat(Lead.getClassSchema().getFields()).extracting(Schema.Field::name).containsExactly(
                "lead_id", "email", "first_name", "last_name", "company_name", "company_domain", "title",
                "linkedin_url", "phone", "source", "source_id", "occurred_at", "attributes");
    }

    @Test
    void enrichedLeadAddsWhatClayFound() {
        List<String> leadFields = Lead.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        assertThat(EnrichedLead.getClassSchema().getFields()).extracting(Schema.Field::name)
                .containsAll(leadFields)
                .contains("work_email", "seniority", "company_size", "industry", "country", "icp_score",
                        "enrichment", "enriched_at");
    }

    @Test
    void generatedClassesUseJavaStringsAndInstants() {
        Lead lead = Lead.newBuilder().setEmail("ada@acme.com").setSource("test")
                .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();

        String email = lead.getEmail();
        Instant occurredAt = lead.getOccurredAt();
        assertThat(email).isEqualTo("ada@acme.com");
        assertThat(occurredAt).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(lead.getAttributes()).isEmpty();
        assertThat(Lead.getClassSchema().getField("email").schema().getTypes().get(1).getProp("avro.java.string"))
                .isEqualTo("String");
    }
}
