package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void schemaNamesAreLowerCaseUnquotedIdentifiersUniquePerCall() {
        String first = Postgres.schemaName("ClayWebhookSinkIT");
        String second = Postgres.schemaName("ClayWebhookSinkIT");

        assertThat(first).matches("it_claywebhooksinkit_[0-9a-f]+").isNotEqualTo(second);
    }

    @Test
    void longOrOddClassNamesStillFitPostgresIdentifierLimit() {
        String name = Postgres.schemaName("A$Very-Long.Class_Name".repeat(10));

        assertThat(name).matches("[a-z0-9_]+").hasSizeLessThanOrEqualTo(63);
    }
}
