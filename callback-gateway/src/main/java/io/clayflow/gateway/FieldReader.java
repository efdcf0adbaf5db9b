package io.clayflow.gateway;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed values out of JSON nodes, collecting a {@link ApiError.FieldError} per bad field instead of failing. */
final class FieldReader {

    static final int MAX_TEXT_LENGTH = 8_192;
    static final int MAX_ID_LENGTH = 256;

    private final List<ApiError.FieldError> errors = new ArrayList<>();

    List<ApiError.FieldError> errors() {
        return errors;
    }

    void error(String pointer, String message) {
        errors.add(new ApiError.FieldError(pointer, message));
    }

    /** A string or null; "" reads as null (an empty Clay cell). */
    String optionalText(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            error(pointer, "must be a string or null, not " + kind(node));
            return null;
        }
        String value = node.textValue();
        if (value.length() > MAX_TEXT_LENGTH) {
            error(pointer, "must be at most " + MAX_TEXT_LENGTH + " characters");
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    String requiredId(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            error(pointer, "is required");
            return null;
        }
        if (!node.isTextual()) {
            error(pointer, "must be a string, not " + kind(node));
            return null;
        }
        // Taken exactly as received: trimming would strip control characters at the ends too, and turn an id the
        // contract refuses into a different, accepted one.
        String value = node.textValue();
        if (value.isBlank()) {
            error(pointer, "must not be blank");
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            error(pointer, "must be at most " + MAX_ID_LENGTH + " characters");
            return null;
        }
        int control = firstControlCharacter(value);
        if (control >= 0) {
            error(pointer, String.format(java.util.Locale.ROOT, "must not contain control characters (U+%04X at "
                    + "index %d)", (int) value.charAt(control), control));
            return null;
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            error(pointer, "must not start or end with whitespace");
            return null;
        }
        return value;
    }

    /** Index of the first ISO control character (C0, DEL, C1) in {@code value}, or -1. */
    static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A string of digits, optionally with a fraction of zeros: "85", "85.0", "085.00"; nothing else. */
    private static final java.util.regex.Pattern WHOLE_NUMBER_TEXT = java.util.regex.Pattern.compile("\\d{1,9}(\\.0+)?");

    /**
     * An integer 0-100 where the value says so without a guess: a JSON number with no fraction ({@code 85},
     * {@code 85.0}, {@code 8.5e1}), or a string of digits with at most a fraction of zeros ({@code "85"},
     * {@code "85.0"}). Anything else is an error: a real fraction ({@code 85.5}: rounding or truncating would be a
     * guess), a percent sign ({@code "85%"}: which scale it was is the table's business), words ({@code "N/A"}),
     * whitespace, a value outside 0-100.
     */
    Integer optionalScore(JsonNode node, String pointer) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            return null;
        }
        java.math.BigDecimal value;
        if (node.isNumber() && !(node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
            value = node.decimalValue();
        } else if (node.isTextual() && WHOLE_NUMBER_TEXT.matcher(node.textValue()).matches()) {
            value = new java.math.BigDecimal(node.textValue());
        } else {
            error(pointer, "must be an integer from 0 to 100, not " + kind(node));
            return null;
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            error(pointer, "must be an integer from 0 to 100, not a fraction (" + value.toPlainString() + ")");
            return null;
        }
        if (value.compareTo(java.math.BigDecimal.ZERO) < 0 || value.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
            error(pointer, "must be an integer from 0 to 100, not " + value.toPlainString());
            return null;
        }
        return value.intValueExact();
    }

    /** Epoch milliseconds or an ISO-8601 instant; {@code fallback} when absent. */
    Instant instant(JsonNode node, String pointer, Instant fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(pointer, "must be epoch milliseconds or an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        return fallback;
    }

    /** An object whose values are scalars, as text; nested objects or arrays are refused. */
    Map<String, String> stringMap(JsonNode node, String pointer) {
        Map<String, String> map = new TreeMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            error(pointer, "must be an object of strings, not " + kind(node));
            return map;
        }
        node.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isContainerNode()) {
                error(pointer + "/" + escape(entry.getKey()), "must be a string, number or boolean, not "
                        + kind(value));
            } else if (!value.isNull()) {
                map.put(entry.getKey(), StrictJson.text(value));
            }
        });
        return map;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** JSON pointer escaping of one key. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
