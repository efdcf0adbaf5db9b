package io.clayflow.cli.demo;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.cli.kafka.LeadProducer;
import io.clayflow.cli.kafka.LeadTopicOption;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clayflow demo}: realistic sample leads, with duplicates and a few invalid ones, into leads.raw. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Produces realistic sample leads to leads.raw (Avro, through the schema registry): people at "
                + "companies with titles and domains, some duplicates (case and whitespace variants of earlier leads) "
                + "and a few invalid ones. Prints how many unique valid leads it sent.")
public final class DemoCommand extends ClusterCommand {

    @Mixin
    LeadTopicOption target;

    @Option(names = "--leads", paramLabel = "N", defaultValue = "100",
            description = "How many leads to send in all (default: ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--duplicates", paramLabel = "RATIO", defaultValue = "0.2",
            description = "Share of the leads that are copies of earlier ones (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--invalid", paramLabel = "RATIO", defaultValue = "0.02",
            description = "Share of the leads that break an intake rule (default: ${DEFAULT-VALUE}).")
    double invalid;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed: the same seed sends the same leads (default: a new one, printed).")
    Long seed;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "demo",
            description = "The leads' source field (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--crm", description = "Create the unique valid people as contacts in the local HubSpot fake "
            + "instead of sending leads: the HubSpot source makes them leads (source crm-event), and the enrichment "
            + "is written back onto the same contacts.")
    boolean crm;

    @Option(names = "--hubspot-url", paramLabel = "URL", defaultValue = "http://localhost:8091",
            description = "The HubSpot fake that --crm creates contacts in (default: ${DEFAULT-VALUE}).")
    String hubspotUrl;

    @Override
    public Integer call() {
        if (leads < 0 || duplicates < 0 || invalid < 0 || duplicates + invalid > 1) {
            throw new CliException(ExitCodes.USAGE, "--leads must be >= 0 and --duplicates + --invalid at most 1");
        }
        long actualSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
        List<DemoLeadGenerator.DemoLead> batch = new DemoLeadGenerator(source, Instant.now())
                .generate(leads, duplicates, invalid, actualSeed);
        if (crm) {
            List<io.clayflow.schemas.Lead> people = batch.stream()
                    .filter(lead -> lead.kind() == DemoLeadGenerator.Kind.UNIQUE).map(DemoLeadGenerator.DemoLead::lead)
                    .toList();
            int created = new CrmDemo(hubspotUrl).create(people);
            PrintWriter out = out();
            out.printf("Created %d contacts in the HubSpot fake at %s (seed %d): the HubSpot source makes each a "
                    + "lead (source crm-event); watch ./clayflow status%n", created, hubspotUrl, actualSeed);
            out.flush();
            return ExitCodes.OK;
        }
        try (LeadProducer producer = target.producer(cluster.settings())) {
            for (DemoLeadGenerator.DemoLead lead : batch) {
                producer.send(null, lead.lead());
            }
            LeadProducer.Answers answers = producer.flush();
            if (answers.failed() > 0) {
                throw new CliException(ExitCodes.FAILED, answers.failed() + " of " + batch.size()
                        + " leads were not acknowledged: " + answers.firstFailure().getMessage());
            }
        }
        Map<DemoLeadGenerator.Kind, Long> kinds = batch.stream().collect(Collectors.groupingBy(
                DemoLeadGenerator.DemoLead::kind, Collectors.counting()));
        PrintWriter out = out();
        out.printf("Sent %d leads to %s: %d unique valid, %d duplicates, %d invalid (seed %d)%n", batch.size(),
                target.topic(),
                kinds.getOrDefault(DemoLeadGenerator.Kind.UNIQUE, 0L),
                kinds.getOrDefault(DemoLeadGenerator.Kind.DUPLICATE, 0L),
                kinds.getOrDefault(DemoLeadGenerator.Kind.INVALID, 0L), actualSeed);
        out.flush();
        return ExitCodes.OK;
    }
}
