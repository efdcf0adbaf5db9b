package io.clayflow.fakes.hubspot;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code batch/upsert} body checked the way HubSpot checks it before writing anything: JSON, an {@code inputs}
 * array of 1 to max inputs, {@code idProperty: email} and an {@code id} on each, no id twice, every property known to
 * the portal and no value over the length limit. Any of these refuses the whole batch with 400 (nothing is written);
 * a bad email is not checked here: it fails only its own input (207).
 */
final class UpsertRequest {

    /** One input of the batch. */
    record Input(int index, String email, Map<String, String> properties, String objectWriteTraceId) {
    }

    private final List<Input> inputs;
    private final JsonObject refusal;

    private UpsertRequest(List<Input> inputs, JsonObject refusal) {
        this.inputs = inputs;
        this.refusal = refusal;
    }

    static UpsertRequest parse(Buffer body, HubSpotConfig config) {
        JsonObject json;
        try {
            json = body == null || body.length() == 0 ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return refused("Invalid input JSON: " + e.getMessage());
        }
        if (json == null || !(json.getValue("inputs") instanceof JsonArray array) || array.isEmpty()) {
            return refused("Invalid input JSON: 'inputs' must be a non-empty array of "
                    + "{idProperty, id, properties}");
        }
        if (array.size() > config.maxInputs()) {
            return refused("Batch input limit exceeded: " + array.size() + " inputs, at most " + config.maxInputs()
                    + " are allowed in one request");
        }
        List<Input> inputs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        Set<String> tooLong = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject input)) {
                return refused("Invalid input JSON: inputs[" + i + "] is not an object");
            }
            String idProperty = input.getValue("idProperty") instanceof String s ? s : null;
            if (idProperty == null) {
                return refused("inputs[" + i + "]: idProperty is required to upsert by a unique property (email)");
            }
            if (!"email".equals(idProperty)) {
                return refused("Unable to perform upsert by non-unique 0-1 property: " + idProperty
                        + " (contacts upsert by email)");
            }
            if (!(input.getValue("id") instanceof String id) || id.isBlank()) {
                return refused("inputs[" + i + "]: id is required (the contact's email)");
            }
            if (!seen.add(id.toLowerCase(Locale.ROOT))) {
                duplicates.add(id);
            }
            Object rawProperties = input.getValue("properties", new JsonObject());
            if (!(rawProperties instanceof JsonObject properties)) {
                return refused("inputs[" + i + "]: properties must be an object of property name to value");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : properties.fieldNames()) {
                Object value = properties.getValue(name);
                if (value instanceof JsonObject || value instanceof JsonArray) {
                    return refused("inputs[" + i + "]: property " + name + " must be a string, number or boolean");
                }
                String text = value == null ? "" : value.toString();
                if (!config.properties().contains(name)) {
                    unknown.add(name);
                } else if (text.length() > config.maxValueLength()) {
                    tooLong.add(name);
                }
                values.put(name, text);
            }
            String trace = input.getValue("objectWriteTraceId") instanceof String t ? t : null;
            inputs.add(new Input(i, id.trim(), values, trace));
        }
        if (!duplicates.isEmpty()) {
            return refused("Duplicate IDs found in batch input: " + duplicates + ". IDs must be unique");
        }
        if (!unknown.isEmpty() || !tooLong.isEmpty()) {
            List<HubSpotErrors.PropertyProblem> problems = new ArrayList<>();
            unknown.forEach(name -> problems.add(new HubSpotErrors.PropertyProblem(name, "PROPERTY_DOESNT_EXIST",
                    "Property \"" + name + "\" does not exist")));
            tooLong.forEach(name -> problems.add(new HubSpotErrors.PropertyProblem(name, "INVALID_LONG_STRING",
                    "Property \"" + name + "\" has a value longer than " + config.maxValueLength()
                            + " characters")));
            return new UpsertRequest(List.of(), HubSpotErrors.invalidProperties(problems));
        }
        return new UpsertRequest(List.copyOf(inputs), null);
    }

    private static UpsertRequest refused(String message) {
        return new UpsertRequest(List.of(), HubSpotErrors.validation(message));
    }

    /** The 400 body when the batch is refused whole, or null when it may go on. */
    JsonObject refusal() {
        return refusal;
    }

    List<Input> inputs() {
        return inputs;
    }
}
