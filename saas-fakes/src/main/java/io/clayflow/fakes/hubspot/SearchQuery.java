package io.clayflow.fakes.hubspot;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code POST /crm/v3/objects/contacts/search} body checked as HubSpot checks it: up to 5 filter groups (OR) of up
 * to 6 filters (AND), 18 filters in all, on properties the portal has; at most one sort; {@code limit} 1 to 200;
 * {@code after} an offset, and no page past HubSpot's 10,000th result. Datetimes compare as instants (a filter gives
 * epoch milliseconds or ISO-8601), {@code hs_object_id} as a number, anything else as case-insensitive text.
 */
record SearchQuery(List<List<Filter>> filterGroups, String sortProperty, boolean ascending, List<String> properties,
                   int limit, int after, String refusal) {

    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;
    private static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "HAS_PROPERTY",
            "NOT_HAS_PROPERTY");
    private static final Set<String> NUMERIC = Set.of("hs_object_id");

    /** One filter: property, operator and value. */
    record Filter(String property, String operator, String value) {

        boolean matches(HubSpotContact contact) {
            String actual = contact.property(property);
            return switch (operator) {
                case "HAS_PROPERTY" -> actual != null && !actual.isEmpty();
                case "NOT_HAS_PROPERTY" -> actual == null || actual.isEmpty();
                default -> actual != null && compare(property, actual, value, operator);
            };
        }
    }

    static SearchQuery parse(Buffer body, Set<String> known) {
        JsonObject json;
        try {
            json = body == null || body.length() == 0 ? new JsonObject() : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return refused("Invalid input JSON: " + e.getMessage());
        }
        try {
            return parse(json, known);
        } catch (ClassCastException | IllegalArgumentException e) {
            return refused("Invalid input JSON: " + e.getMessage());
        }
    }

    private static SearchQuery parse(JsonObject json, Set<String> known) {
        List<List<Filter>> groups = new ArrayList<>();
        JsonArray rawGroups = json.getJsonArray("filterGroups", new JsonArray());
        if (rawGroups.size() > 5) {
            return refused("Too many filter groups: " + rawGroups.size() + " (at most 5)");
        }
        int filters = 0;
        for (int g = 0; g < rawGroups.size(); g++) {
            JsonArray rawFilters = rawGroups.getJsonObject(g).getJsonArray("filters", new JsonArray());
            if (rawFilters.size() > 6) {
                return refused("Too many filters in filterGroups[" + g + "]: " + rawFilters.size() + " (at most 6)");
            }
            List<Filter> group = new ArrayList<>();
            for (int f = 0; f < rawFilters.size(); f++) {
                JsonObject filter = rawFilters.getJsonObject(f);
                String property = filter.getString("propertyName");
                String operator = filter.getString("operator", "EQ");
                if (property == null || !(known.contains(property) || ContactJson.ALWAYS.contains(property))) {
                    return refused("There was a problem with the request: property " + property + " does not exist");
                }
                if (!OPERATORS.contains(operator)) {
                    return refused("Unsupported operator " + operator);
                }
                Object value = filter.getValue("value");
                if (value == null && !operator.endsWith("HAS_PROPERTY")) {
                    return refused("filterGroups[" + g + "].filters[" + f + "]: value is required for " + operator);
                }
                group.add(new Filter(property, operator, value == null ? null : value.toString()));
            }
            filters += group.size();
            groups.add(group);
        }
        if (filters > 18) {
            return refused("Too many filters: " + filters + " (at most 18 in all)");
        }
        JsonArray sorts = json.getJsonArray("sorts", new JsonArray());
        if (sorts.size() > 1) {
            return refused("Only one sort is allowed, got " + sorts.size());
        }
        String sortProperty = null;
        boolean ascending = true;
        if (sorts.size() == 1) {
            Object sort = sorts.getValue(0);
            if (sort instanceof JsonObject object) {
                sortProperty = object.getString("propertyName");
                ascending = !"DESCENDING".equals(object.getString("direction", "ASCENDING"));
            } else {
                String text = String.valueOf(sort);
                ascending = !text.startsWith("-");
                sortProperty = ascending ? text : text.substring(1);
            }
        }
        List<String> properties = new ArrayList<>();
        json.getJsonArray("properties", new JsonArray()).forEach(name -> properties.add(String.valueOf(name)));
        int limit = json.getInteger("limit", 10);
        if (limit < 1 || limit > MAX_LIMIT) {
            return refused("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        int after = Integer.parseInt(String.valueOf(json.getValue("after", "0")));
        if (after < 0 || after + limit > MAX_RESULTS) {
            return refused("The search can page through at most " + MAX_RESULTS + " results: after=" + after
                    + " with limit=" + limit + " goes past it; narrow the filters instead");
        }
        return new SearchQuery(groups, sortProperty, ascending, properties, limit, after, null);
    }

    private static SearchQuery refused(String message) {
        return new SearchQuery(List.of(), null, true, List.of(), 0, 0, message);
    }

    boolean matches(HubSpotContact contact) {
        return filterGroups.isEmpty() || filterGroups.stream()
                .anyMatch(group -> group.stream().allMatch(filter -> filter.matches(contact)));
    }

    /**
     * The order of the results: by the sort property, and within equal values in no order a caller may count on
     * (HubSpot promises none; the fake scrambles record ids so that a client relying on id order fails here).
     * Without a sort, by record id, as HubSpot does.
     */
    Comparator<HubSpotContact> order() {
        Comparator<HubSpotContact> byId = Comparator.comparingLong(contact -> Long.parseLong(contact.id()));
        if (sortProperty == null) {
            return byId;
        }
        Comparator<HubSpotContact> bySort = (a, b) -> compareValues(sortProperty, a.property(sortProperty),
                b.property(sortProperty));
        if (!ascending) {
            bySort = bySort.reversed();
        }
        return bySort.thenComparingLong(contact -> Long.parseLong(contact.id()) * 0x9E3779B97F4A7C15L);
    }

    private static boolean compare(String property, String actual, String wanted, String operator) {
        int c = compareValues(property, actual, wanted);
        return switch (operator) {
            case "EQ" -> c == 0;
            case "NEQ" -> c != 0;
            case "LT" -> c < 0;
            case "LTE" -> c <= 0;
            case "GT" -> c > 0;
            case "GTE" -> c >= 0;
            default -> false;
        };
    }

    private static int compareValues(String property, String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (NUMERIC.contains(property)) {
            return Long.compare(Long.parseLong(a.trim()), Long.parseLong(b.trim()));
        }
        Long ta = millis(a);
        Long tb = millis(b);
        if (ta != null && tb != null) {
            return Long.compare(ta, tb);
        }
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    /** A datetime value as epoch milliseconds: digits, or ISO-8601; null when it is neither. */
    private static Long millis(String value) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() >= 10) {
            return Long.parseLong(text);
        }
        if (text.length() >= 20 && text.charAt(4) == '-' && text.charAt(10) == 'T') {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
