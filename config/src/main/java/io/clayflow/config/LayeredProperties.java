package io.clayflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of a clayflow app, in layers: the defaults it ships on the classpath, then a properties file when
 * one is given, then environment variables under its prefix ({@code CLAYFLOW_INTAKE_DEDUPE_TTL=P7D} sets
 * {@code dedupe.ttl}: the rest of the name lower-cased, every {@code _} read as {@code .}). Values are trimmed.
 */
public final class LayeredProperties {

    private LayeredProperties() {
    }

    /**
     * Every layer merged, later layers winning.
     *
     * @param app the app's name as its messages say it, e.g. "intake"
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static Map<String, String> load(Class<?> anchor, String defaultsResource, Path file, String envPrefix,
                                           Map<String, String> environment, String app) {
        Map<String, String> props = new LinkedHashMap<>(classpath(anchor, defaultsResource));
        if (file != null) {
            props.putAll(file(file, app));
        }
        props.putAll(fromEnvironment(envPrefix, environment));
        return props;
    }

    /** A properties resource that ships with the app; its absence is a packaging bug. */
    public static Map<String, String> classpath(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return toMap(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /**
     * A properties file given by the user.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    public static Map<String, String> file(Path file, String app) {
        try (InputStream in = Files.newInputStream(file)) {
            return toMap(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the " + app + " configuration file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The settings named by environment variables under {@code prefix}, e.g. {@code CLAYFLOW_GATEWAY_}. */
    public static Map<String, String> fromEnvironment(String prefix, Map<String, String> environment) {
        Map<String, String> props = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                props.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    private static Map<String, String> toMap(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).trim()));
        return map;
    }
}
