package io.clayflow.connect;

/** The connectors plugin's version, as every connector and extension in it reports it to the worker. */
public final class PluginVersion {

    /** The jar manifest's Implementation-Version; the build's own version when run from classes (tests, an IDE). */
    public static final String VERSION = versionOfThisJar();

    private PluginVersion() {
    }

    private static String versionOfThisJar() {
        String version = PluginVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
