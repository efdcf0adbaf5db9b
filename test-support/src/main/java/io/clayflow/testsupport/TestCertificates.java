package io.clayflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs and certificates for TLS tests, made by the JDK's own {@code keytool} (no library, nothing fetched): a
 * self-signed certificate per name in a PKCS12 keystore, and PKCS12 truststores holding the certificates to trust.
 * Every store uses one {@link #PASSWORD}.
 */
public final class TestCertificates {

    /** The password of every store made here. */
    public static final String PASSWORD = "clayflow-test";

    private final Path directory;

    public TestCertificates(Path directory) {
        this.directory = directory;
    }

    /**
     * A PKCS12 keystore {@code <name>.p12} with a self-signed EC key pair for {@code localhost} and 127.0.0.1 (both in
     * the subject alternative names, so hostname verification passes on loopback), and its certificate as
     * {@code <name>.crt}.
     */
    public Path keyStore(String name) {
        Path store = directory.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost,O=clayflow test " + name, "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-file", certificate(name).toString(), "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return store;
    }

    /** A PKCS12 truststore {@code <name>.p12} trusting the certificates of the keystores named (made before). */
    public Path trustStore(String name, String... trusted) {
        Path store = directory.resolve(name + ".p12");
        for (String alias : trusted) {
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate(alias).toString(), "-keystore",
                    store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return store;
    }

    private Path certificate(String name) {
        return directory.resolve(name + ".crt");
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    /** The directory the stores are written to. */
    public Path directory() {
        return directory;
    }
}
