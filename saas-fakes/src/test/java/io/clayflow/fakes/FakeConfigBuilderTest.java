package io.clayflow.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotFaults;
import io.clayflow.fakes.outreach.OutreachConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings the three fakes' builders share, and the checks their configurations share. */
class FakeConfigBuilderTest {

    @Test
    void eachFakeStartsOnLoopbackWithItsOwnPortAndSeed42() {
        SimulatorConfig clay = SimulatorConfig.builder().build();
        HubSpotConfig hubspot = HubSpotConfig.builder().build();
        OutreachConfig outreach = OutreachConfig.builder().build();

        assertThat(clay.host()).isEqualTo("127.0.0.1");
        assertThat(clay.port()).isEqualTo(8090);
        assertThat(hubspot.port()).isEqualTo(8091);
        assertThat(outreach.port()).isZero();
        assertThat(clay.seed()).isEqualTo(hubspot.seed()).isEqualTo(outreach.seed()).isEqualTo(42L);
        assertThat(hubspot.faults()).isEqualTo(HubSpotFaults.none());
    }

    @Test
    void theSharedSettersSetWhatTheyName() {
        HubSpotConfig config = HubSpotConfig.builder().host("0.0.0.0").port(0).seed(7)
                .faults(HubSpotFaults.none().withForcedStatus(503)).build();

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.seed()).isEqualTo(7L);
        assertThat(config.faults().forcedStatus()).isEqualTo(503);
    }

    @Test
    void aPortOutsideTheRangeIsRefusedForEveryFake() {
        assertThatThrownBy(() -> SimulatorConfig.builder().port(65_536).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port must be 0-65535");
        assertThatThrownBy(() -> HubSpotConfig.builder().port(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port must be 0-65535");
        assertThatThrownBy(() -> OutreachConfig.builder().port(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port must be 0-65535");
    }

    @Test
    void aNullHostOrFaultsIsRefusedWhereItIsSet() {
        assertThatThrownBy(() -> HubSpotConfig.builder().host(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("host");
        assertThatThrownBy(() -> SimulatorConfig.builder().faults(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("faults");
    }

    @Test
    void aFakeWithoutATokenIsRefused() {
        assertThatThrownBy(() -> FakeConfigBuilder.checkTokens(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one token is needed");
        assertThat(FakeConfigBuilder.checkTokens(Set.of("t"))).containsExactly("t");
    }
}
