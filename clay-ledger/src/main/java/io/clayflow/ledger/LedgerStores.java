package io.clayflow.ledger;

import io.clayflow.schemas.StateStores;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The ledger's two changelogged stores: its rows by {@code lead_id} and its totals by table. */
final class LedgerStores {

    private final KeyValueStore<String, byte[]> rows;
    private final KeyValueStore<String, byte[]> totals;

    LedgerStores(ProcessorContext<?, ?> context) {
        this.rows = Objects.requireNonNull(context.getStateStore(StateStores.Ledger.ROWS), "rows");
        this.totals = Objects.requireNonNull(context.getStateStore(StateStores.Ledger.TOTALS), "totals");
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> rowsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StateStores.Ledger.ROWS),
                Serdes.String(), Serdes.ByteArray());
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> totalsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StateStores.Ledger.TOTALS),
                Serdes.String(), Serdes.ByteArray());
    }

    LedgerEntry row(String leadId) {
        byte[] bytes = rows.get(leadId);
        return bytes == null ? null : LedgerEntry.decode(bytes);
    }

    void put(String leadId, LedgerEntry entry) {
        rows.put(leadId, entry.encode());
    }

    void remove(String leadId) {
        rows.delete(leadId);
    }

    /** Every row; the consumer must not change the store (collect, then change). */
    void forEachRow(BiConsumer<String, LedgerEntry> consumer) {
        try (KeyValueIterator<String, byte[]> all = rows.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                consumer.accept(next.key, LedgerEntry.decode(next.value));
            }
        }
    }

    void count(String table, UnaryOperator<LedgerTotals> change) {
        totals.put(table, change.apply(LedgerTotals.decode(totals.get(table))).encode());
    }

    Map<String, LedgerTotals> totals() {
        Map<String, LedgerTotals> all = new HashMap<>();
        try (KeyValueIterator<String, byte[]> iterator = totals.all()) {
            iterator.forEachRemaining(next -> all.put(next.key, LedgerTotals.decode(next.value)));
        }
        return all;
    }
}
