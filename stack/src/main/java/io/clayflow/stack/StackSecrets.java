package io.clayflow.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's secrets ({@link StackSecret}): the gateway's callback and leads tokens, the Clay webhook token,
 * the HubSpot fake's private-app token and webhook secret, and the Outreach fake's access token. Generated on the
 * first start into a file only its owner can read, and read back on every later start so that a restarted stack
 * keeps them. Held as {@link Password}s, which print as {@code [hidden]}.
 */
public final class StackSecrets {

    public static final String FILE_NAME = "secrets.properties";

    private static final Logger LOG = LoggerFactory.getLogger(StackSecrets.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int TOKEN_BYTES = 32;

    private final Path file;
    private final Map<StackSecret, Password> secrets = new EnumMap<>(StackSecret.class);

    private StackSecrets(Path file, Properties values) {
        this.file = file;
        for (StackSecret secret : StackSecret.values()) {
            secrets.put(secret, new Password(values.getProperty(secret.key())));
        }
    }

    /** Reads {@code <dataDir>/secrets.properties}, creating it (0600) with fresh tokens, or adding missing ones. */
    public static StackSecrets loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            Properties values = new Properties();
            if (Files.exists(file)) {
                tightenPermissions(file);
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    values.load(in);
                }
            }
            boolean added = false;
            for (StackSecret secret : StackSecret.values()) {
                String value = values.getProperty(secret.key());
                if (value == null || value.isBlank()) {
                    values.setProperty(secret.key(), token(random));
                    added = true;
                }
            }
            if (added) {
                write(file, values);
                LOG.info("Generated the stack's secrets into {}", file);
            }
            return new StackSecrets(file, values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the stack's secrets file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The generated value of {@code secret}. */
    public Password get(StackSecret secret) {
        return secrets.get(secret);
    }

    @Override
    public String toString() {
        return "secrets in " + file;
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, Properties values) throws IOException {
        // Written to a temporary file created owner-only, then moved over: the secrets are never readable by others,
        // not even for a moment, and a crash mid-write leaves the old file.
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            values.store(out, "clayflow local stack secrets: generated on the first `clayflow up`; keep private");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void tightenPermissions(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} was readable by others; setting it to owner-only (0600)", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
