package io.clayflow.connect.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What HubSpot said about a batch: for a 200/207, which inputs were upserted and which failed with what message
 * (matched by {@code objectWriteTraceId}, else by the email in {@code context.ids}); for an error body, its
 * {@code message}, {@code category} and the properties its {@code errors[]} name. Every field is optional, as
 * HubSpot's error handling guide asks of parsers.
 */
final class BatchUpsertResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode body;

    private BatchUpsertResponse(JsonNode body) {
        this.body = body;
    }

    static BatchUpsertResponse parse(String text) {
        try {
            JsonNode node = text == null || text.isBlank() ? null : JSON.readTree(text);
            return new BatchUpsertResponse(node == null || !node.isObject() ? JSON.createObjectNode() : node);
        } catch (IOException e) {
            return new BatchUpsertResponse(JSON.createObjectNode());
        }
    }

    String message() {
        return body.path("message").asText("");
    }

    /** The limit a 429 names: TEN_SECONDLY_ROLLING, SECONDLY or DAILY. */
    String policyName() {
        return body.path("policyName").asText("");
    }

    String category() {
        return body.path("category").asText("");
    }

    /** The properties an error names with this code (e.g. PROPERTY_DOESNT_EXIST), from {@code errors[].context}. */
    List<String> propertiesWithCode(String code) {
        List<String> names = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            if (code.equals(error.path("code").asText())) {
                error.path("context").path("propertyName").forEach(name -> names.add(name.asText()));
            }
        }
        if (names.isEmpty() && message().contains(code)) {
            names.add("(named in: " + message() + ")");
        }
        return names;
    }

    /**
     * For a 200/207: the failed inputs of the request, by index, with HubSpot's message. Inputs neither in the results
     * nor in the errors are reported through {@link #unaccounted}.
     */
    Map<Integer, String> failures(BatchUpsertRequest request) {
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (JsonNode error : body.path("errors")) {
            String message = error.path("message").asText("HubSpot refused the input");
            String category = error.path("category").asText("");
            String reason = category.isEmpty() ? message : category + ": " + message;
            indexesOf(error.path("context"), request).forEach(index -> failed.putIfAbsent(index, reason));
        }
        return failed;
    }

    /** Inputs the answer neither upserted nor failed: HubSpot's answer does not account for them. */
    List<Integer> unaccounted(BatchUpsertRequest request) {
        Set<Integer> seen = new HashSet<>(failures(request).keySet());
        for (JsonNode result : body.path("results")) {
            traceIndex(result.path("objectWriteTraceId").asText(null), request).ifPresentOrElse(seen::add,
                    () -> emailIndex(result.path("properties").path("email").asText(null), request)
                            .ifPresent(seen::add));
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            if (!seen.contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static List<Integer> indexesOf(JsonNode context, BatchUpsertRequest request) {
        List<Integer> indexes = new ArrayList<>();
        context.path("objectWriteTraceId").forEach(trace -> traceIndex(trace.asText(), request)
                .ifPresent(indexes::add));
        if (indexes.isEmpty()) {
            context.path("ids").forEach(id -> emailIndex(id.asText(), request).ifPresent(indexes::add));
        }
        return indexes;
    }

    private static Optional<Integer> traceIndex(String trace, BatchUpsertRequest request) {
        try {
            int index = Integer.parseInt(trace);
            return index >= 0 && index < request.size() ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> emailIndex(String email, BatchUpsertRequest request) {
        if (email == null) {
            return Optional.empty();
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < request.size(); i++) {
            if (request.inputs().get(i).key().equals(wanted)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
