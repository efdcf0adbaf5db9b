package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clayflow import-csv} on a messy 2,000-row export against a real broker and registry: a byte-order mark,
 * semicolons, quoted fields with semicolons, doubled quotes and line breaks, blank lines, and bad rows of five kinds
 * (ten or more of each) at known lines. Every bad row is reported by its line and reason; exactly the good rows are
 * on leads.raw.
 */
@OwnBrokerIntegrationTest
class ImportCsvIT {

    private static final int ROWS = 2_000;

    /** The generated file and what the import must report. */
    private record MessyCsv(String text, int good, Map<Long, String> badLines, Set<String> goodEmails) {
    }

    @Test
    void reportsBadRowsByLineAndProducesTheRest(KafkaBroker kafka, SchemaRegistryServer registry,
                                                @TempDir Path dir) throws Exception {
        kafka.createTopic(Topics.LEADS_RAW, 3);
        MessyCsv csv = messyCsv(new Random(2026));
        Path file = dir.resolve("crm-export.csv");
        Files.writeString(file, csv.text(), StandardCharsets.UTF_8);
        Path refused = dir.resolve("refused.csv");

        long started = System.nanoTime();
        CliRun run = CliRun.against(kafka, registry, "import-csv", file.toString(), "--source", "crm-export",
                "--map", "Notes=attributes.notes", "--refused-report", refused.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("import-csv of %,d rows: %,d ms%n%s", ROWS, millis, run.out());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("delimiter ';'", String.format("Produced %,d rows", csv.good()),
                String.format("refused %,d", csv.badLines().size()));

        // Every bad row, by line and reason: exactly the ones planted.
        Map<Long, String> reported = new TreeMap<>();
        for (String line : Files.readAllLines(refused, StandardCharsets.UTF_8).subList(1, csv.badLines().size() + 1)) {
            String[] parts = line.split(",", 3);
            reported.put(Long.parseLong(parts[0]), parts[1]);
        }
        assertThat(reported).isEqualTo(new TreeMap<>(csv.badLines()));

        // Exactly the good rows on leads.raw, as Avro through the registry.
        List<ConsumerRecord<String, Lead>> records;
        try (SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>()) {
            serde.configure(Map.of("schema.registry.url", registry.url()), false);
            records = kafka.consume(Topics.LEADS_RAW, csv.good(), Duration.ofSeconds(60), new StringDeserializer(),
                    serde.deserializer());
        }
        assertThat(records).hasSize(csv.good());
        assertThat(records.stream().map(record -> record.value().getEmail().strip()).collect(Collectors.toSet()))
                .isEqualTo(csv.goodEmails());
        assertThat(records).allSatisfy(record -> assertThat(record.value().getSource()).isEqualTo("crm-export"));
        Lead quoted = records.stream().map(ConsumerRecord::value)
                .filter(lead -> lead.getEmail().strip().equals("person7@quoted.example.com")).findFirst().orElseThrow();
        assertThat(quoted.getCompanyName()).isEqualTo("Quote \"Q\"; Partners");
        assertThat(quoted.getAttributes()).containsEntry("notes", "line one;\nline two");
    }

    @Test
    void aWindows1252ExportWithItsEncodingGivenReachesLeadsRawWithTheNamesExactly(KafkaBroker kafka,
            SchemaRegistryServer registry, @TempDir Path dir) throws Exception {
        String topic = "leads.raw.windows-1252";
        kafka.createTopic(topic, 1);
        Path file = dir.resolve("excel-export.csv");
        Files.write(file, ("E-Mail;First Name;Last Name;Company\r\n"
                + "juergen@baeckerei.de;J\u00fcrgen;M\u00fcller;B\u00e4ckerei Gr\u00f6\u00dfe\r\n"
                + "zoe@acme.fr;Zo\u00eb;Lef\u00e8vre;Soci\u00e9t\u00e9 G\u00e9n\u00e9rale\r\n")
                .getBytes(Charset.forName("windows-1252")));

        CliRun run = CliRun.against(kafka, registry, "import-csv", file.toString(), "--topic", topic,
                "--encoding", "windows-1252", "--map", "E-Mail=email");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("windows-1252", "Produced 2 rows", "refused 0");
        List<ConsumerRecord<String, Lead>> records;
        try (SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>()) {
            serde.configure(Map.of("schema.registry.url", registry.url()), false);
            records = kafka.consume(topic, 2, Duration.ofSeconds(60), new StringDeserializer(), serde.deserializer());
        }
        assertThat(records).extracting(record -> record.value().getFirstName() + " " + record.value().getLastName()
                        + " / " + record.value().getCompanyName())
                .containsExactly("J\u00fcrgen M\u00fcller / B\u00e4ckerei Gr\u00f6\u00dfe",
                        "Zo\u00eb Lef\u00e8vre / Soci\u00e9t\u00e9 G\u00e9n\u00e9rale")
                .allSatisfy(names -> assertThat(names).doesNotContain("\uFFFD"));
    }

    /** Row i at a known line; every 37th row is bad in one of five ways, some rows span lines, blank lines between. */
    private static MessyCsv messyCsv(Random random) {
        StringBuilder text = new StringBuilder("\uFEFFEmail;First Name;Last Name;Company;Title;Notes\r\n");
        long line = 2;
        int good = 0;
        Map<Long, String> bad = new TreeMap<>();
        Set<String> goodEmails = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
            String email = "person" + i + "@" + (i % 7 == 0 ? "quoted" : "acme" + (i % 50)) + ".example.com";
            if (i % 37 == 5) {
                switch ((i / 37) % 5) {
                    case 0 -> {
                        text.append(email).append(";Ann;Lee;Acme;CTO;;extra column\r\n");
                        bad.put(line, "row.column_count");
                    }
                    case 1 -> {
                        text.append(email).append(";Ann;Lee\r\n");
                        bad.put(line, "row.column_count");
                    }
                    case 2 -> {
                        text.append("person").append(i).append(" at acme.com;Ann;Lee;Acme;CTO;\r\n");
                        bad.put(line, "email.syntax");
                    }
                    case 3 -> {
                        text.append(";Ann;Lee;Acme;CTO;no identity here\r\n");
                        bad.put(line, "identity.missing");
                    }
                    default -> {
                        text.append(email).append(";").append("A".repeat(150)).append(";Lee;Acme;CTO;\r\n");
                        bad.put(line, "first_name.too_long");
                    }
                }
                line++;
            } else if (i % 7 == 0) {
                text.append(email).append(";Quinn;O'Neil;\"Quote \"\"Q\"\"; Partners\";\"VP; Sales\";")
                        .append("\"line one;\nline two\"\r\n");
                goodEmails.add(email);
                good++;
                line += 2;
            } else {
                text.append(random.nextBoolean() ? email : " " + email + " ").append(";Pat;Doe;Acme ")
                        .append(i % 50).append(";Engineer;\r\n");
                goodEmails.add(email);
                good++;
                line++;
            }
            if (i % 1000 == 999) {
                text.append("\r\n");
                line++;
            }
        }
        return new MessyCsv(text.toString(), good, bad, goodEmails);
    }
}
