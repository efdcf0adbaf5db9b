package io.clayflow.cli;

import picocli.CommandLine.IVersionProvider;

/** The version {@code clayflow --version} prints: the jar's implementation version. */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ClayflowCli.class.getPackage().getImplementationVersion();
        return new String[] {"clayflow " + (version == null ? "(development build)" : version)};
    }
}
