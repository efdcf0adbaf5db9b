package io.clayflow.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** up's screen redraws in place (clear-screen escapes) only on a terminal that takes them. */
class ScreenModeTest {

    @Test
    void aTerminalWithATypeRedrawsInPlace() {
        assertThat(ScreenMode.redrawsInPlace(true, Map.of("TERM", "xterm-256color"))).isTrue();
    }

    @Test
    void notATerminalNeverGetsEscapes() {
        assertThat(ScreenMode.redrawsInPlace(false, Map.of("TERM", "xterm-256color"))).isFalse();
    }

    @Test
    void aDumbTerminalNeverGetsEscapes() {
        assertThat(ScreenMode.redrawsInPlace(true, Map.of("TERM", "dumb"))).isFalse();
    }

    @Test
    void aTerminalOfNoKnownTypeNeverGetsEscapes() {
        assertThat(ScreenMode.redrawsInPlace(true, Map.of())).isFalse();
        assertThat(ScreenMode.redrawsInPlace(true, Map.of("TERM", " "))).isFalse();
    }

    @Test
    void noConsoleIsNoTerminal() {
        assertThat(ScreenMode.isTerminal(null)).isFalse();
    }
}
