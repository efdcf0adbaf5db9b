package io.clayflow.connect.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * One {@code field:property} entry of a HubSpot mapping setting (the sink's {@code hubspot.mapping} and the source's):
 * a clayflow field on the left, a HubSpot contact property's internal name on the right. The syntax is checked here,
 * once for both; which fields may stand on the left is the caller's to check.
 */
public record MappingEntry(String field, String property) {

    /**
     * The entries of {@code entries}, blank ones left out, in order.
     *
     * @param leftName what the left side is called in an error, e.g. {@code field} or {@code source}
     * @throws IllegalArgumentException naming the first entry that is not {@code field:property} or whose property is
     *                                  not a HubSpot internal name
     */
    /**
     * The check of a mapping setting: {@code parse}, the connector's parser of the whole list, refusing it with an
     * IllegalArgumentException, which becomes the ConfigException naming the key.
     */
    public static ConfigDef.Validator validator(Consumer<List<String>> parse) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                parse.accept(entries);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }, () -> "field:property entries");
    }

    public static List<MappingEntry> parse(List<String> entries, String leftName) {
        Objects.requireNonNull(entries, "entries");
        List<MappingEntry> parsed = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not " + leftName
                        + ":property (e.g. title:jobtitle)");
            }
            String property = entry.substring(colon + 1).trim();
            if (!property.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("'" + property + "' is not a HubSpot property name "
                        + "(internal names are lower-case letters, digits and _)");
            }
            parsed.add(new MappingEntry(entry.substring(0, colon).trim(), property));
        }
        return parsed;
    }
}
