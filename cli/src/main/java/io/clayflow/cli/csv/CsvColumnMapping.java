package io.clayflow.cli.csv;

import io.clayflow.schemas.Lead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Where each CSV column goes: a {@code Lead} field, an entry of {@code attributes}, or nowhere. By default a header
 * matches a field whose name equals it ignoring case, spaces, underscores and hyphens ({@code First Name} →
 * {@code first_name}), or one of a few common aliases ({@code Company} → {@code company_name}); every other column
 * becomes an attribute named by its header. {@code --map column=field} overrides: {@code field} is a Lead field,
 * {@code attributes.<name>}, or {@code -} to drop the column.
 */
public final class CsvColumnMapping {

    /** What one column feeds. */
    public sealed interface Target permits Field, Attribute, Ignored {
    }

    /** A top-level string field of {@code Lead}, or {@code occurred_at}. */
    public record Field(String name) implements Target {
    }

    /** An entry of {@code attributes}. */
    public record Attribute(String key) implements Target {
    }

    /** A dropped column. */
    public record Ignored() implements Target {
    }

    public static final String OCCURRED_AT = "occurred_at";
    private static final String ATTRIBUTES = "attributes";
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("company", "company_name"), Map.entry("companyname", "company_name"),
            Map.entry("organization", "company_name"), Map.entry("domain", "company_domain"),
            Map.entry("website", "company_domain"), Map.entry("companywebsite", "company_domain"),
            Map.entry("jobtitle", "title"), Map.entry("linkedin", "linkedin_url"),
            Map.entry("linkedinprofile", "linkedin_url"), Map.entry("emailaddress", "email"),
            Map.entry("workemail", "email"), Map.entry("firstname", "first_name"),
            Map.entry("lastname", "last_name"), Map.entry("phonenumber", "phone"));

    /** The Lead fields a column can feed: every string field, and occurred_at. */
    static final Set<String> FIELDS = Lead.getClassSchema().getFields().stream()
            .filter(field -> field.name().equals(OCCURRED_AT) || isString(field.schema()))
            .map(Schema.Field::name).collect(Collectors.toUnmodifiableSet());

    private final List<String> header;
    private final List<Target> targets;

    private CsvColumnMapping(List<String> header, List<Target> targets) {
        this.header = List.copyOf(header);
        this.targets = List.copyOf(targets);
    }

    /**
     * The mapping of a header row under the given overrides (column name → target, column names compared ignoring
     * case and surrounding spaces).
     *
     * @throws IllegalArgumentException when an override names an unknown column or field
     */
    public static CsvColumnMapping of(List<String> header, Map<String, String> overrides) {
        Map<String, String> byColumn = new LinkedHashMap<>();
        overrides.forEach((column, field) -> byColumn.put(column.strip().toLowerCase(Locale.ROOT), field.strip()));
        Set<String> known = header.stream().map(name -> name.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String column : byColumn.keySet()) {
            if (!known.contains(column)) {
                throw new IllegalArgumentException("--map names column '" + column + "', which the header does not "
                        + "have; columns: " + header);
            }
        }
        List<Target> targets = new ArrayList<>();
        for (String name : header) {
            String override = byColumn.get(name.strip().toLowerCase(Locale.ROOT));
            targets.add(override != null ? parse(override) : byDefault(name));
        }
        return new CsvColumnMapping(header, targets);
    }

    private static Target parse(String field) {
        if (field.equals("-")) {
            return new Ignored();
        }
        if (field.startsWith(ATTRIBUTES + ".") && field.length() > ATTRIBUTES.length() + 1) {
            return new Attribute(field.substring(ATTRIBUTES.length() + 1));
        }
        if (FIELDS.contains(field)) {
            return new Field(field);
        }
        throw new IllegalArgumentException("--map target '" + field + "' is not a Lead field (" + FIELDS.stream()
                .sorted().toList() + "), attributes.<name>, or - to drop the column");
    }

    private static Target byDefault(String name) {
        String squashed = squash(name);
        if (squashed.isEmpty()) {
            return new Ignored();
        }
        for (String field : FIELDS) {
            if (squash(field).equals(squashed)) {
                return new Field(field);
            }
        }
        String alias = ALIASES.get(squashed);
        return alias != null ? new Field(alias) : new Attribute(name.strip());
    }

    static String squash(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    private static boolean isString(Schema schema) {
        if (schema.getType() == Schema.Type.STRING) {
            return true;
        }
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(type -> type.getType() == Schema.Type.STRING);
    }

    public List<String> header() {
        return header;
    }

    public Target target(int column) {
        return targets.get(column);
    }

    public int columns() {
        return header.size();
    }

    /** "column → target" lines, for the import report. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            Target target = targets.get(i);
            String to = target instanceof Field field ? field.name()
                    : target instanceof Attribute attribute ? "attributes." + attribute.key() : "(dropped)";
            lines.add(header.get(i) + " → " + to);
        }
        return lines;
    }
}
