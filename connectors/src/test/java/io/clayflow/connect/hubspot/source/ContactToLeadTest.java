package io.clayflow.connect.hubspot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A contact as a lead, our own write-back recognised, and the source's settings checked at start. */
class ContactToLeadTest {

    private static final LeadMapping DEFAULT = LeadMapping.parse(List.of(HubSpotSourceConfig.DEFAULT_MAPPING
            .split(",")));

    private static CrmContact contact(Map<String, String> properties) {
        return new CrmContact(1234, properties);
    }

    @Test
    void aContactBecomesACrmEventLeadWithItsIdAndModificationTime() {
        Lead lead = DEFAULT.toLead(contact(Map.of("lastmodifieddate", "2026-12-03T08:00:00.123Z", "email",
                "ada@acme.com", "firstname", "Ada", "jobtitle", "CTO", "website", "acme.com", "company", "")));

        assertThat(lead.getSource()).isEqualTo("crm-event");
        assertThat(lead.getSourceId()).isEqualTo("1234");
        assertThat(lead.getOccurredAt()).isEqualTo(Instant.parse("2026-12-03T08:00:00.123Z"));
        assertThat(lead.getEmail()).isEqualTo("ada@acme.com");
        assertThat(lead.getTitle()).isEqualTo("CTO");
        assertThat(lead.getCompanyDomain()).isEqualTo("acme.com");
        assertThat(lead.getCompanyName()).as("a blank property is left out").isNull();
        assertThat(lead.getLeadId()).as("intake derives it").isNull();
    }

    @Test
    void attributesAndAContactWithoutEmail() {
        LeadMapping mapping = LeadMapping.parse(List.of("last_name:lastname", "attributes.stage:lifecyclestage"));

        Lead lead = mapping.toLead(contact(Map.of("lastmodifieddate", "1767225600000", "lastname", "Hopper",
                "lifecyclestage", "lead")));

        assertThat(lead.getEmail()).isNull();
        assertThat(lead.getAttributes()).containsExactly(Map.entry("stage", "lead"));
        assertThat(mapping.properties()).containsExactly("lastname", "lifecyclestage");
    }

    @Test
    void aMappingNamingAFieldTheSourceSetsItselfOrAnUnknownOneIsRefused() {
        assertThatThrownBy(() -> LeadMapping.parse(List.of("source_id:hs_object_id")))
                .hasMessageContaining("'source_id' is not a Lead field the source may fill");
        assertThatThrownBy(() -> LeadMapping.parse(List.of("nickname:firstname"))).hasMessageContaining("nickname");
        assertThatThrownBy(() -> LeadMapping.parse(List.of("title:Job Title"))).hasMessageContaining("property name");
    }

    @Test
    void ourOwnWriteIsAChangeWithinTheWindowOfTheEnrichedAtStamp() {
        OwnWriteGuard guard = new OwnWriteGuard("clayflow_enriched_at", Duration.ofSeconds(10));

        assertThat(guard.isOwnWrite(contact(Map.of("lastmodifieddate", "1767225600500",
                "clayflow_enriched_at", "1767225600000")))).isTrue();
        assertThat(guard.isOwnWrite(contact(Map.of("lastmodifieddate", "1767225700000",
                "clayflow_enriched_at", "1767225600000")))).as("a person's change 100 s later").isFalse();
        assertThat(guard.isOwnWrite(contact(Map.of("lastmodifieddate", "1767225600000")))).isFalse();
        assertThat(new OwnWriteGuard("", Duration.ofSeconds(10)).isOwnWrite(contact(Map.of("lastmodifieddate",
                "1767225600500", "clayflow_enriched_at", "1767225600000")))).as("check off").isFalse();
    }

    @Test
    void settingsAreCheckedAtStartNamingTheKey() {
        Map<String, String> base = Map.of("hubspot.token", "pat-x", "schema.registry.url", "http://r:8081");
        HubSpotSourceConfig config = new HubSpotSourceConfig(base);
        assertThat(config.topic()).isEqualTo("leads.raw");
        assertThat(config.searchUri().toString()).isEqualTo("https://api.hubapi.com/crm/v3/objects/contacts/search");
        assertThat(config.search()).isEqualTo(new SearchSettings(0, Duration.ofSeconds(10), Duration.ofSeconds(30), 100, 4,
                true));
        assertThat(config.batchReadUri().toString())
                .isEqualTo("https://api.hubapi.com/crm/v3/objects/contacts/batch/read");

        assertThatThrownBy(() -> new HubSpotSourceConfig(with(base, "search.page.size", "201")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.page.size");
        assertThatThrownBy(() -> new HubSpotSourceConfig(with(base, "changes.topic", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("changes.bootstrap.servers");
        assertThatThrownBy(() -> new HubSpotSourceConfig(with(base, "hubspot.mapping", "title")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hubspot.mapping");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> props = new java.util.HashMap<>(base);
        props.put(key, value);
        return props;
    }
}
