package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Outreach simulator's counters at one moment.
 *
 * @param requests     requests received on {@code /api/v2/*}
 * @param answers      answers per endpoint and status, keyed like {@code "POST /api/v2/sequenceStates 422"}
 *                     ({@code {id}} stands for a resource id)
 * @param earlyRetries requests that came before the reset a 429 had announced to their user
 */
public record OutreachStats(long requests, Map<String, Long> answers, long earlyRetries) {

    public OutreachStats {
        answers = Map.copyOf(answers);
    }

    /** Answers with this status, on any endpoint. */
    public long withStatus(int status) {
        String suffix = " " + status;
        return answers.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Answers on one endpoint, e.g. {@code "POST /api/v2/prospects"}, with one status. */
    public long answered(String endpoint, int status) {
        return answers.getOrDefault(endpoint + " " + status, 0L);
    }

    /** Answers on one endpoint, whatever their status. */
    public long answered(String endpoint) {
        String prefix = endpoint + " ";
        return answers.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)
                && e.getKey().substring(prefix.length()).chars().allMatch(Character::isDigit))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public JsonObject toJson() {
        JsonObject byAnswer = new JsonObject();
        new TreeMap<>(answers).forEach(byAnswer::put);
        return new JsonObject().put("requests", requests).put("answers", byAnswer).put("early_retries", earlyRetries);
    }
}
