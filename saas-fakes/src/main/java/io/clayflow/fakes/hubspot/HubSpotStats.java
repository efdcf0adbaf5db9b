package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake's counters at one moment: requests (by status), inputs received, contacts created and updated, and
 * per-input errors given in 207 answers, searches and batch reads answered.
 */
public record HubSpotStats(long requests, Map<Integer, Long> requestsByStatus, long inputsReceived,
                           long contactsCreated, long contactsUpdated, long inputErrors, long searches, long batchReads) {

    public HubSpotStats {
        requestsByStatus = Map.copyOf(requestsByStatus);
    }

    public long requestsWithStatus(int status) {
        return requestsByStatus.getOrDefault(status, 0L);
    }

    public JsonObject toJson() {
        JsonObject byStatus = new JsonObject();
        new TreeMap<>(requestsByStatus).forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        return new JsonObject().put("requests", requests).put("requests_by_status", byStatus)
                .put("inputs_received", inputsReceived).put("contacts_created", contactsCreated)
                .put("contacts_updated", contactsUpdated).put("input_errors", inputErrors).put("searches", searches).put("batch_reads", batchReads);
    }
}
