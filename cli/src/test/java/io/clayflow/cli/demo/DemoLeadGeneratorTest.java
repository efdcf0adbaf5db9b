package io.clayflow.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.cli.demo.DemoLeadGenerator.DemoLead;
import io.clayflow.cli.demo.DemoLeadGenerator.Kind;
import io.clayflow.intake.LeadValidator;
import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoLeadGeneratorTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private final DemoLeadGenerator generator = new DemoLeadGenerator("demo", AT);
    private final LeadValidator validator = new LeadValidator(LeadValidator.Limits.defaults());

    @ParameterizedTest(name = "{0} leads with {1} duplicates and {2} invalid")
    @CsvSource({"1000, 0.2, 0.02", "500, 0.0, 0.0", "200, 0.5, 0.1", "10, 0.3, 0.0"})
    void sendsTheRequestedShareOfDuplicatesAndInvalidLeads(int total, double duplicates, double invalid) {
        List<DemoLead> leads = generator.generate(total, duplicates, invalid, 7);

        Map<Kind, Long> kinds = leads.stream().collect(Collectors.groupingBy(DemoLead::kind, Collectors.counting()));
        assertThat(leads).hasSize(total);
        assertThat(kinds.getOrDefault(Kind.DUPLICATE, 0L)).isEqualTo(Math.round(total * duplicates));
        assertThat(kinds.getOrDefault(Kind.INVALID, 0L)).isEqualTo(Math.round(total * invalid));
    }

    @Test
    void uniqueLeadsAreValidAndDistinctDuplicatesRespellAnEarlierOneAndInvalidOnesBreakARule() {
        List<DemoLead> leads = generator.generate(2_000, 0.25, 0.05, 11);

        Set<String> seen = new HashSet<>();
        for (DemoLead demo : leads) {
            Lead lead = demo.lead();
            switch (demo.kind()) {
                case UNIQUE -> {
                    assertThat(validator.violations(lead)).isEmpty();
                    assertThat(seen.add(key(lead))).as("unique email %s", lead.getEmail()).isTrue();
                }
                case DUPLICATE -> {
                    assertThat(validator.violations(lead)).isEmpty();
                    assertThat(seen).as("a duplicate follows its original").contains(key(lead));
                    assertThat(lead.getEmail()).as("spelled differently").isNotEqualTo(key(lead));
                }
                case INVALID -> assertThat(validator.violations(lead)).isNotEmpty();
            }
        }
        assertThat(leads).allSatisfy(demo -> {
            assertThat(demo.lead().getSource()).isEqualTo("demo");
            assertThat(demo.lead().getOccurredAt()).isEqualTo(AT);
        });
        // Realistic: several people per company, titles and company names filled in.
        Set<String> domains = leads.stream().map(demo -> demo.lead().getCompanyDomain())
                .filter(domain -> domain != null).collect(Collectors.toSet());
        assertThat(domains.size()).isBetween(10, 1_500);
        assertThat(leads).allSatisfy(demo -> assertThat(demo.lead().getTitle()).isNotBlank());
    }

    @Test
    void theSameSeedSendsTheSameLeadsAndAnotherSeedOthers() {
        assertThat(generator.generate(300, 0.2, 0.02, 42)).isEqualTo(generator.generate(300, 0.2, 0.02, 42));
        assertThat(generator.generate(300, 0.2, 0.02, 42)).isNotEqualTo(generator.generate(300, 0.2, 0.02, 43));
    }

    private static String key(Lead lead) {
        return lead.getEmail().strip().toLowerCase(Locale.ROOT);
    }
}
