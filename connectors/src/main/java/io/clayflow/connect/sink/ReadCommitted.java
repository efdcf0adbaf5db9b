package io.clayflow.connect.sink;

import io.clayflow.connect.ConfigGroup;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every clayflow sink reads committed records only. Intake and routing write under Kafka transactions; a crash, a
 * fenced producer or a timeout aborts one, and its records stay in the topic. Kafka Connect's sink consumers read
 * uncommitted records unless told otherwise (the consumer's default), so without this a lead intake never released
 * would reach Clay (a paid row) or a CRM.
 *
 * <p>A connector sees only its own configuration, never the worker's, so the setting it can check is the
 * per-connector override {@value #OVERRIDE}: {@code read_committed} is required. A worker whose
 * {@code connector.client.config.override.policy} forbids that override (the default, {@code All}, allows it) can
 * set {@code consumer.isolation.level=read_committed} itself; {@value #BY_WORKER}{@code =true} then says so, and the
 * connector starts on that word with a warning.
 */
public final class ReadCommitted {

    public static final String OVERRIDE = "consumer.override.isolation.level";
    public static final String BY_WORKER = "read.committed.by.worker";
    public static final String READ_COMMITTED = "read_committed";

    private static final Logger LOG = LoggerFactory.getLogger(ReadCommitted.class);

    private ReadCommitted() {
    }

    /** Adds {@value #BY_WORKER} to a sink's definition, in its own group. */
    public static ConfigDef define(ConfigDef def) {
        return ConfigGroup.of(def, "Kafka consumer").define(BY_WORKER, Type.BOOLEAN, false, Importance.MEDIUM,
                "true only when the worker sets consumer.isolation.level=" + READ_COMMITTED + " and forbids the "
                        + "per-connector " + OVERRIDE + ": the connector cannot see the worker's settings and then "
                        + "starts on this word. Otherwise set " + OVERRIDE + "=" + READ_COMMITTED + ".",
                "Worker reads committed").def();
    }

    /**
     * Refuses a connector configuration whose consumer may read records of open or aborted transactions.
     *
     * @throws ConfigException naming {@value #OVERRIDE} and how to set it
     */
    public static void require(String connector, Map<String, String> config) {
        String level = config.get(OVERRIDE);
        if (level != null && READ_COMMITTED.equalsIgnoreCase(level.trim())) {
            return;
        }
        if (level == null && Boolean.parseBoolean(config.getOrDefault(BY_WORKER, "false").trim())) {
            LOG.warn("Connector {} trusts its worker to set consumer.isolation.level={} ({}=true): if the worker does "
                    + "not, records of aborted transactions reach the sink", connector, READ_COMMITTED, BY_WORKER);
            return;
        }
        throw new ConfigException(OVERRIDE, level, "must be " + READ_COMMITTED + ": a sink consumer reads uncommitted "
                + "records unless told otherwise, and records of aborted intake or routing transactions would be "
                + "delivered. Set " + OVERRIDE + "=" + READ_COMMITTED + " in the connector's configuration (the "
                + "worker's "
                + "connector.client.config.override.policy must allow it; its default, All, does), or, if the worker "
                + "sets consumer.isolation.level=" + READ_COMMITTED + " and forbids overrides, " + BY_WORKER + "=true");
    }
}
