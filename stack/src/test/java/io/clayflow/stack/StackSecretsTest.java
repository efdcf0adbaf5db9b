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
        Set<String> tokens = Set.of(secrets.callbackToken().value(), secrets.leadsToken().value(),
                secrets.webhookToken().value(), secrets.hubspotToken().value(), secrets.outreachToken().value());
        assertThat(tokens).hasSize(5).allSatisfy(token -> assertThat(token).hasSizeGreaterThanOrEqualTo(43));
        assertThat(secrets.callbackToken()).hasToString("[hidden]");
        assertThat(secrets).hasToString("secrets in " + secrets.file());
    }

    @Test
    void laterStartsReadTheSameTokensBack(@TempDir Path data) {
        StackSecrets first = StackSecrets.loadOrCreate(data, new SecureRandom());
        StackSecrets second = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(second.callbackToken()).isEqualTo(first.callbackToken());
        assertThat(second.webhookToken()).isEqualTo(first.webhookToken());
    }

    @Test
    void aMissingTokenIsAddedAndTheOthersKept(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("secrets.properties"), "gateway.callback.token=kept\n");

        StackSecrets secrets = StackSecrets.loadOrCreate(data, new SecureRandom());

        assertThat(secrets.callbackToken().value()).isEqualTo("kept");
        assertThat(secrets.leadsToken().value()).isNotBlank().isNotEqualTo("kept");
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
