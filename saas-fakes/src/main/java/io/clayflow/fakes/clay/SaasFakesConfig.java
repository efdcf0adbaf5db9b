package io.clayflow.fakes.clay;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.outreach.OutreachConfig;
import java.util.Optional;

/**
 * What the fakes app runs: the Clay fake always, the HubSpot and Outreach fakes when their {@code enabled} is true.
 *
 * @param settings every setting, one sorted {@code key=value} per line with secrets hidden ({@code Secrets.describe})
 */
public record SaasFakesConfig(SimulatorConfig clay, Optional<HubSpotConfig> hubspot, Optional<OutreachConfig> outreach,
                              String settings) {
}
