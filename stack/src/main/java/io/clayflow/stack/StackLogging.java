package io.clayflow.stack;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;

/**
 * Sends every part's logs to {@code <data>/logs/clayflow.log} instead of the terminal, where `up` draws its status
 * screen: clayflow at INFO, the broker, Streams, Connect and the rest at WARN.
 */
public final class StackLogging {

    private StackLogging() {
    }

    /** Replaces the logging configuration of this JVM; returns the log file. */
    public static Path toFile(Path dataDir) {
        Path file = dataDir.resolve("logs").resolve("clayflow.log");
        ConfigurationBuilder<? extends Configuration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setStatusLevel(Level.ERROR);
        // No log4j shutdown hook: the stack logs its own stop from its hook, after which log4j must still work.
        builder.setShutdownHook("disable");
        AppenderComponentBuilder appender = builder.newAppender("file", FileAppender.PLUGIN_NAME)
                .addAttribute("fileName", file.toString())
                .addAttribute("append", true)
                .add(builder.newLayout("PatternLayout")
                        .addAttribute("pattern", "%d{ISO8601} %-5level [%t] %c{1.} - %msg%n"));
        builder.add(appender);
        builder.add(builder.newLogger("io.clayflow", Level.INFO));
        builder.add(builder.newRootLogger(Level.WARN).add(builder.newAppenderRef("file")));
        Configurator.reconfigure(builder.build());
        return file;
    }
}
