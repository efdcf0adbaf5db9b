package io.clayflow.connect.clay;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpUrls;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys of one Clay table named in {@value ClayWebhookSinkConfig#TABLES}, under {@code clay.table.<name>.}
 * ({@link Key}): webhook.urls (required), token, row.cap, format, callback.token.
 * Those left out take the sink-wide value ({@value ClayWebhookSinkConfig#WEBHOOK_TOKEN},
 * {@value ClayWebhookSinkConfig#TABLE_ROW_CAP}, {@value ClayWebhookSinkConfig#REQUEST_FORMAT}). Each table's keys are
 * a {@link ConfigDef} of their own, so a bad value fails naming its full key.
 */
public final class ClayTableSettings {

    public static final String PREFIX = "clay.table.";
    /** The row cap of an auto-delete ("passthrough") table, which never fills. */
    public static final String PASSTHROUGH = "passthrough";
    /** Clay's default rows per table. */
    public static final long DEFAULT_ROW_CAP = 50_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A key of each table, {@code clay.table.<name>.<suffix>}. */
    public enum Key {
        WEBHOOK_URLS("webhook.urls"), TOKEN("token"), ROW_CAP("row.cap"), FORMAT("format"),
        CALLBACK_TOKEN("callback.token");

        private final String suffix;

        Key(String suffix) {
            this.suffix = suffix;
        }

        /** {@code clay.table.<table>.<suffix>}. */
        public String of(String table) {
            return PREFIX + table + "." + suffix;
        }
    }

    private ClayTableSettings() {
    }

    /** The keys of table {@code table}. */
    public static ConfigDef definition(String table) {
        return KeyGroup.of(new ConfigDef(), "Clay table " + table)
                .define(Key.WEBHOOK_URLS.of(table), Type.LIST, ConfigDef.NO_DEFAULT_VALUE, HttpUrls.secret(),
                        Importance.HIGH, "Webhook URLs",
                        "The table's webhook source URL(s), in the order they are used; the next is used as one "
                                + "nears its lifetime submissions.")
                .define(Key.TOKEN.of(table), Type.PASSWORD, null, Importance.HIGH, "Webhook token",
                        "The token the table's webhooks check; default " + ClayWebhookSinkConfig.WEBHOOK_TOKEN + ".")
                .define(Key.ROW_CAP.of(table), Type.STRING, null, ClayTableSettings::checkRowCap, Importance.HIGH,
                        "Row cap",
                        "Rows the table holds (a number), or passthrough for an auto-delete table; default "
                                + ClayWebhookSinkConfig.TABLE_ROW_CAP + ".")
                .define(Key.FORMAT.of(table), Type.STRING, null, RequestFormat.validator(), Importance.MEDIUM,
                        "Request format",
                        "object (one row per request, as Clay documents) or array (only once you verified the table "
                                + "splits arrays); default " + ClayWebhookSinkConfig.REQUEST_FORMAT + ".")
                .define(Key.CALLBACK_TOKEN.of(table), Type.PASSWORD, null, Importance.LOW, "Callback token",
                        "The token this table's HTTP API column sends back, when it has one of its own. The sink "
                                + "only records it: the gateway checks callbacks against its own callback.tokens, so "
                                + "list this token there too.")
                .definition();
    }

    /** Reads table {@code table} from the connector's settings, the sink-wide ones filling what it leaves out. */
    static ClayTableConfig read(String table, Map<String, ?> originals, ClayWebhookSinkConfig sink) {
        if (!NAME.matcher(table).matches()) {
            throw new ConfigException(ClayWebhookSinkConfig.TABLES, table,
                    "a table name is 1-64 letters, digits, '-' or '_'");
        }
        AbstractConfig own = new AbstractConfig(definition(table), originals, false);
        String cap = own.getString(Key.ROW_CAP.of(table));
        String format = own.getString(Key.FORMAT.of(table));
        return new ClayTableConfig(table,
                own.getList(Key.WEBHOOK_URLS.of(table)).stream().map(String::trim).map(URI::create).toList(),
                secret(own.getPassword(Key.TOKEN.of(table))).or(sink::webhookToken),
                cap == null ? sink.defaultRowCap() : rowCap(Key.ROW_CAP.of(table), cap),
                format == null ? sink.defaultFormat() : RequestFormat.parse(Key.FORMAT.of(table), format),
                secret(own.getPassword(Key.CALLBACK_TOKEN.of(table))));
    }

    /** A row cap setting: a number of rows (at least 1), or {@value #PASSTHROUGH} (empty: no cap). */
    static OptionalLong rowCap(String key, String value) {
        String text = value.trim();
        if (PASSTHROUGH.equalsIgnoreCase(text)) {
            return OptionalLong.empty();
        }
        try {
            long cap = Long.parseLong(text);
            if (cap >= 1) {
                return OptionalLong.of(cap);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new ConfigException(key, value, "must be a number of rows (at least 1) or " + PASSTHROUGH);
    }

    static void checkRowCap(String key, Object value) {
        if (value != null) {
            rowCap(key, value.toString());
        }
    }

    private static Optional<String> secret(Password password) {
        return password == null || password.value().isEmpty() ? Optional.empty() : Optional.of(password.value());
    }
}
