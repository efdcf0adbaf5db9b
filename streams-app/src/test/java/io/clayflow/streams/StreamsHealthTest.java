package io.clayflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each Kafka Streams state answers on /health/live and /health/ready. */
class StreamsHealthTest {

    @ParameterizedTest(name = "{0}: live {1}, ready {2}")
    @CsvSource({
        "CREATED,          200, 503",
        "REBALANCING,      200, 503",
        "RUNNING,          200, 200",
        "PENDING_SHUTDOWN, 200, 503",
        "NOT_RUNNING,      503, 503",
        "PENDING_ERROR,    503, 503",
        "ERROR,            503, 503"})
    void eachStateAnswersWhatAProbeNeeds(State state, int live, int ready) {
        assertThat(StreamsHealth.answer(state, StreamsHealth::isLive).status()).isEqualTo(live);
        assertThat(StreamsHealth.answer(state, StreamsHealth::isReady).status()).isEqualTo(ready);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RUNNING, UP", "ERROR, DOWN"})
    void theBodySaysUpOrDownAndTheStateThatDecided(State state, String status) {
        ManagementServer.Response answer = StreamsHealth.answer(state, StreamsHealth::isLive);

        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"status\":\"" + status + "\",\"state\":\"" + state + "\"}");
    }
}
