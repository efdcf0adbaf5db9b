package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretsTest {

    @Test
    void theFirstStartGeneratesDistinctTokensIntoAnOwnerOnlyFile(@TempDir Path data) throws Exception {
        StackSecrets secrets = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(secrets.file()).isEqualTo(data.resolve("secrets.properties"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file()))).isEqualTo("rw-------");
        Set<String> tokens = Set.of(secrets.get(StackSecret.CALLBACK_TOKEN).value(), secrets.get(StackSecret.LEADS_TOKEN).value(),
                secrets.get(StackSecret.WEBHOOK_TOKEN).value(), secrets.get(StackSecret.HUBSPOT_TOKEN).value(), secrets.get(StackSecret.OUTREACH_TOKEN).value());
        assertThat(tokens).hasSize(5).allSatisfy(token -> assertThat(token).hasSizeGreaterThanOrEqualTo(43));
        assertThat(secrets.get(StackSecret.CALLBACK_TOKEN)).hasToString("[hidden]");
        assertThat(secrets).hasToString("secrets in " + secrets.file());
    }

    @Test
    void laterStartsReadTheSameTokensBack(@TempDir Path data) {
        StackSecrets first = StackSecrets.loadOrCreate(data, new SecureRandom());
        StackSecrets second = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(second.get(StackSecret.CALLBACK_TOKEN)).isEqualTo(first.get(StackSecret.CALLBACK_TOKEN));
        assertThat(second.get(StackSecret.WEBHOOK_TOKEN)).isEqualTo(first.get(StackSecret.WEBHOOK_TOKEN));
    }

    @Test
    void aMissingTokenIsAddedAndTheOthersKept(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("secrets.properties"), "gateway.callback.token=kept\n");

        StackSecrets secrets = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(secrets.get(StackSecret.CALLBACK_TOKEN).value()).isEqualTo("kept");
        assertThat(secrets.get(StackSecret.LEADS_TOKEN).value()).isNotBlank().isNotEqualTo("kept");
        assertThat(Files.readString(secrets.file())).contains("gateway.callback.token=kept", "gateway.leads.token=");
    }

    @Test
    void aFileOthersCanReadIsMadeOwnerOnly(@TempDir Path data) throws Exception {
        StackSecrets.loadOrCreate(data, new SecureRandom());
        Path file = data.resolve("secrets.properties");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
