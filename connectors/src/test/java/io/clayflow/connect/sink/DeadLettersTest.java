package io.clayflow.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final AtomicInteger counted = new AtomicInteger();
    private final DeadLetters deadLetters = new DeadLetters((record, error) -> {
        CompletableFuture<Void> write = new CompletableFuture<>();
        writes.add(write);
        return write;
    }, counted::incrementAndGet);

    @Test
    void reportsAndCountsEachDeadLetter() {
        deadLetters.report(record(1), new DataException("bad"));
        deadLetters.report(record(2), new DataException("bad"));

        assertThat(writes).hasSize(2);
        assertThat(counted).hasValue(2);
    }

    @Test
    void awaitWrittenReturnsOnceEveryDeadLetterIsWritten() {
        deadLetters.report(record(1), new DataException("bad"));
        writes.forEach(write -> write.complete(null));

        deadLetters.awaitWritten();

        assertThat(writes).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenFailsTheWait() {
        deadLetters.report(record(1), new DataException("bad"));
        writes.get(0).completeExceptionally(new IllegalStateException("dlq topic is gone"));

        assertThatThrownBy(deadLetters::awaitWritten).isInstanceOf(ConnectException.class)
                .hasMessageContaining("dead letter could not be written");
    }

    @Test
    void withoutADeadLetterTopicTheTaskFailsRatherThanDropTheRecord() {
        DeadLetters none = new DeadLetters(null, counted::incrementAndGet);

        assertThatThrownBy(() -> none.report(record(1), new DataException("bad"))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("errors.deadletterqueue.topic.name");
        assertThat(counted).hasValue(0);
    }

    private static SinkRecord record(long offset) {
        return new SinkRecord("leads.route.crm", 0, null, "k", null, new byte[0], offset);
    }
}
