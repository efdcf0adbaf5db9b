package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldMappingTest {

    @Test
    void parsesSourceToPropertyEntriesInOrder() {
        FieldMapping mapping = FieldMapping.parse(List.of(" title:jobtitle ", "enrichment.employee_count:numemployees",
                ""));

        assertThat(mapping.sourceToProperty()).containsExactly(java.util.Map.entry("title", "jobtitle"),
                java.util.Map.entry("enrichment.employee_count", "numemployees"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no colon                         | title                          | is not source:property
            nothing after the colon          | title:                         | is not source:property
            an unknown lead field            | job_title:jobtitle             | is not an EnrichedLead field
            a whole map                      | enrichment:notes               | is not an EnrichedLead field
            an enrichment prefix without key | enrichment.:notes              | names no entry
            a property name HubSpot refuses  | title:Job Title                | is not a HubSpot property name
            """)
    void refusesABadEntryNamingIt(String name, String entry, String message) {
        assertThatThrownBy(() -> FieldMapping.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesTwoSourcesForOneProperty() {
        assertThatThrownBy(() -> FieldMapping.parse(List.of("title:jobtitle", "seniority:jobtitle")))
                .hasMessageContaining("'jobtitle' is mapped twice");
    }
}
