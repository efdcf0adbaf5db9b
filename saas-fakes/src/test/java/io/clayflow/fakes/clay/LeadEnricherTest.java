package io.clayflow.fakes.clay;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LeadEnricherTest {

    private final LeadEnricher enricher = new LeadEnricher(42);

    private static JsonObject row() {
        return new JsonObject().put("lead_id", "L1").put("email", "ada@gmail.com").put("first_name", "Ada")
                .put("last_name", "Lovelace").put("company_domain", "www.Acme.com").put("title", "VP of Engineering")
                .put("source", "web-form").put("occurred_at", 1_767_225_600_000L);
    }

    @Test
    void theSameRowAlwaysEnrichesTheSameWay() {
        JsonObject first = enricher.enrich(row());

        assertThat(new LeadEnricher(42).enrich(row())).isEqualTo(first);
        assertThat(enricher.enrich(row())).isEqualTo(first);
    }

    @Test
    void echoesTheLeadFieldsAndFoldsOtherColumnsIntoAttributes() {
        JsonObject enriched = enricher.enrich(row().put("utm_campaign", "spring")
                .put("attributes", new JsonObject().put("plan", "pro")));

        assertThat(enriched.getString("lead_id")).isEqualTo("L1");
        assertThat(enriched.getString("source")).isEqualTo("web-form");
        assertThat(enriched.getLong("occurred_at")).isEqualTo(1_767_225_600_000L);
        assertThat(enriched.getJsonObject("attributes").getMap())
                .containsEntry("plan", "pro").containsEntry("utm_campaign", "spring");
    }

    @Test
    void everyFieldItWritesIsAnEnrichedLeadField() throws IOException {
        Path schema = Path.of("..", "schemas", "src", "main", "avro", "EnrichedLead.avsc");
        Set<String> avroFields = new HashSet<>();
        new JsonObject(Files.readString(schema)).getJsonArray("fields")
                .forEach(field -> avroFields.add(((JsonObject) field).getString("name")));

        JsonObject enriched = enricher.enrich(row());

        assertThat(avroFields).containsAll(enriched.fieldNames());
        assertThat(enriched.fieldNames()).contains("work_email", "seniority", "company_size", "industry", "country",
                "icp_score", "enrichment").doesNotContain("enriched_at");
    }

    @Test
    void guessesAWorkEmailAtTheCompanyDomainWhenTheGivenOneIsPersonal() {
        JsonObject enriched = enricher.enrich(row());

        assertThat(enriched.getString("work_email")).isEqualTo("ada.lovelace@acme.com");
        assertThat(enriched.getJsonObject("enrichment").getString("email_status")).isEqualTo("guessed");
    }

    @Test
    void keepsAGivenEmailAtTheCompanyDomainAsTheVerifiedWorkEmail() {
        JsonObject enriched = enricher.enrich(row().put("email", "Ada@acme.com"));

        assertThat(enriched.getString("work_email")).isEqualTo("ada@acme.com");
        assertThat(enriched.getJsonObject("enrichment").getString("email_status")).isEqualTo("verified");
    }

    @Test
    void readsTheCountryFromACountryCodeDomain() {
        assertThat(enricher.enrich(row().put("company_domain", "beispiel.de")).getString("country")).isEqualTo("DE");
        assertThat(enricher.enrich(row().put("company_domain", "example.co.uk")).getString("country")).isEqualTo("GB");
    }

    @Test
    void derivesCompanyFactsFromTheDomainWithinTheirValueSets() {
        IntStream.range(0, 200).forEach(i -> {
            JsonObject enriched = enricher.enrich(row().put("company_domain", "company" + i + ".com"));
            assertThat(LeadEnricher.COMPANY_SIZES).contains(enriched.getString("company_size"));
            assertThat(LeadEnricher.INDUSTRIES).contains(enriched.getString("industry"));
            assertThat(enriched.getString("country")).matches("[A-Z]{2}");
            assertThat(enriched.getInteger("icp_score")).isBetween(0, 100);
        });
    }

    @Test
    void theSeedChangesTheCompanyFacts() {
        JsonArray bySeed42 = new JsonArray();
        JsonArray bySeed7 = new JsonArray();
        LeadEnricher other = new LeadEnricher(7);
        IntStream.range(0, 20).forEach(i -> {
            JsonObject lead = row().put("company_domain", "company" + i + ".com");
            bySeed42.add(enricher.enrich(lead).getString("company_size"));
            bySeed7.add(other.enrich(lead).getString("company_size"));
        });
        assertThat(bySeed7).isNotEqualTo(bySeed42);
    }

    @Test
    void withoutADomainTheCompanyFactsAreUnknown() {
        JsonObject enriched = enricher.enrich(new JsonObject().put("lead_id", "L2").put("email", "bob@gmail.com"));

        assertThat(enriched.getValue("company_size")).isNull();
        assertThat(enriched.getValue("work_email")).isNull();
        assertThat(enriched.getInteger("icp_score")).isBetween(0, 100);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(nullValues = "null", value = {
            "Chief Executive Officer, c-level",
            "CEO & Co-Founder, c-level",
            "CTO, c-level",
            "President, c-level",
            "Managing Director, c-level",
            "Vice President of Sales, vp",
            "SVP Marketing, vp",
            "VP Engineering, vp",
            "Director of Product, director",
            "Head of Growth, director",
            "Engineering Manager, manager",
            "Team Lead, manager",
            "Software Engineer, individual-contributor",
            "Account Executive, individual-contributor",
            "'   ', null"
    })
    void readsSeniorityFromTheTitle(String title, String seniority) {
        assertThat(LeadEnricher.seniority(title)).isEqualTo(seniority);
    }
}
