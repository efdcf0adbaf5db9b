package io.clayflow.connect.clay;

import java.util.ArrayList;
import java.util.List;

/** Cuts rows, in order, into requests of at most {@code maxRows} rows and {@code maxBytes} bytes of JSON array. */
final class RowBatcher {

    private final int maxRows;
    private final int maxBytes;

    RowBatcher(int maxRows, int maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /**
     * The batches; a row too large to fit any request is returned alone, for the caller to refuse it.
     */
    List<List<ClayRow>> batches(List<ClayRow> rows) {
        List<List<ClayRow>> batches = new ArrayList<>();
        List<ClayRow> current = new ArrayList<>();
        int bytes = 2; // the array's brackets
        for (ClayRow row : rows) {
            int added = row.size() + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && (current.size() == maxRows || bytes + added > maxBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 2;
                added = row.size();
            }
            current.add(row);
            bytes += added;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** The JSON array body of a batch. */
    static byte[] body(List<ClayRow> batch) {
        int size = 2 + batch.size() - 1;
        for (ClayRow row : batch) {
            size += row.size();
        }
        byte[] body = new byte[Math.max(size, 2)];
        int at = 0;
        body[at++] = '[';
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] json = batch.get(i).json();
            System.arraycopy(json, 0, body, at, json.length);
            at += json.length;
        }
        body[at] = ']';
        return body;
    }

    int maxBytes() {
        return maxBytes;
    }
}
