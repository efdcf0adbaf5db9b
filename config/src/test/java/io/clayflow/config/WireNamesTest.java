package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WireNamesTest {

    enum Sample {
        ONE, TWO_WORDS, THREE_WORD_NAME
    }

    @Test
    void aConstantIsItsNameInLowerCaseDotted() {
        assertThat(WireNames.dotted(Sample.ONE)).isEqualTo("one");
        assertThat(WireNames.dotted(Sample.THREE_WORD_NAME)).isEqualTo("three.word.name");
    }

    @Test
    void findsTheConstantANameBelongsTo() {
        assertThat(WireNames.find(Sample.class, WireNames::dotted, "two.words")).contains(Sample.TWO_WORDS);
        assertThat(WireNames.find(Sample.class, Enum::name, "TWO_WORDS")).contains(Sample.TWO_WORDS);
    }

    @Test
    void findsNothingForAnUnknownOrMissingName() {
        assertThat(WireNames.find(Sample.class, WireNames::dotted, "two_words")).isEmpty();
        assertThat(WireNames.find(Sample.class, WireNames::dotted, "")).isEmpty();
        assertThat(WireNames.find(Sample.class, WireNames::dotted, null)).isEmpty();
    }
}
