package io.clayflow.connect.sink;

import io.clayflow.connect.PluginVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * What every clayflow sink connector does the same way: it checks its configuration at start (failing, naming the
 * key, on a bad one), refuses a consumer that would read uncommitted records ({@link ReadCommitted}), and hands the
 * configuration to its tasks; one task unless the sink says how to split ({@link #splitIntoTasks}). It holds nothing:
 * each task owns its clients.
 */
public abstract class ClayflowSinkConnector extends SinkConnector {

    private final Class<? extends Task> taskClass;
    private final ConfigDef definition;
    private final Function<Map<String, String>, ?> parse;
    private Map<String, String> props;

    /**
     * @param parse reads a configuration into the sink's config class, throwing ConfigException on a bad one
     */
    protected ClayflowSinkConnector(Class<? extends Task> taskClass, ConfigDef definition,
            Function<Map<String, String>, ?> parse) {
        this.taskClass = Objects.requireNonNull(taskClass, "taskClass");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.parse = Objects.requireNonNull(parse, "parse");
    }

    @Override
    public final void start(Map<String, String> props) {
        parse.apply(props);
        ReadCommitted.require(props.getOrDefault("name", taskClass.getSimpleName()), props);
        this.props = Map.copyOf(props);
    }

    @Override
    public final Class<? extends Task> taskClass() {
        return taskClass;
    }

    @Override
    public final List<Map<String, String>> taskConfigs(int maxTasks) {
        return splitIntoTasks(props, maxTasks);
    }

    /**
     * The tasks' configurations. One task by default: a peer whose limit counts per workspace or user (Clay,
     * Outreach) is counted in one place.
     */
    protected List<Map<String, String>> splitIntoTasks(Map<String, String> props, int maxTasks) {
        return List.of(props);
    }

    @Override
    public final void stop() {
        // nothing held: each task owns its clients
    }

    @Override
    public final ConfigDef config() {
        return definition;
    }

    @Override
    public final String version() {
        return PluginVersion.VERSION;
    }
}
