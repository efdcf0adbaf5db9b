package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrafanaDashboardTest {

    @ParameterizedTest(name = "{0} queries {1}")
    @CsvSource(delimiter = '|', value = {
            "max by (stage) (clayflow_pipeline_records)|clayflow_pipeline_records",
            "sum(rate(kafka_stream_clayflow_intake_released_total[1m]))|kafka_stream_clayflow_intake_released_total",
            "histogram_quantile(0.99, sum by (le, route) (rate(gateway_http_requests_seconds_bucket[5m])))"
                    + "|gateway_http_requests_seconds_bucket",
            "sum by (app, topic) (kafka_consumer_fetch_manager_records_lag{topic=~\"leads[.].*\", app=\"intake\"})"
                    + "|kafka_consumer_fetch_manager_records_lag",
            "max(a_total) / clamp_min(max(b_total), 1)|a_total b_total"})
    void findsTheMetricNamesOfAnExpression(String expression, String names) {
        assertThat(GrafanaDashboard.namesIn(expression)).containsExactlyInAnyOrderElementsOf(
                new TreeSet<>(Arrays.asList(names.split(" "))));
    }

    @Test
    void everyNameTheShippedDashboardQueriesBelongsToAPartThatChecksIt() {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        Set<String> names = dashboard.metricNames();

        assertThat(dashboard.title()).isEqualTo("clayflow");
        assertThat(dashboard.panelTitles()).hasSizeGreaterThan(10).doesNotHaveDuplicates();
        assertThat(names).hasSizeGreaterThan(15);
        assertThat(names).allSatisfy(name -> assertThat(GrafanaDashboard.OWNED_PREFIXES)
                .as("a module whose tests check %s", name).anySatisfy(prefix -> assertThat(name).startsWith(prefix)));
    }

    @Test
    void readsTheNamesOfAPrometheusScrape() {
        String scrape = """
                # HELP gateway_produce_in_flight Records sent
                # TYPE gateway_produce_in_flight gauge
                gateway_produce_in_flight 0.0
                clayflow_pipeline_records{stage="raw"} 9.0
                """;

        assertThat(GrafanaDashboard.scrapedNames(scrape))
                .containsExactlyInAnyOrder("gateway_produce_in_flight", "clayflow_pipeline_records");
    }
}
