package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {

    @TempDir
    Path temp;

    private Path apicurio;
    private Path jvms;
    private JavaRuntime java17;
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void unpackBothBuilds() throws IOException {
        apicurio = Files.createDirectories(temp.resolve("apicurio"));
        jvms = Files.createDirectories(temp.resolve("jvm"));
        java17 = new JavaRuntime(fakeJdk("openjdk-17", "17.0.15"), 17);
        // The older build ships an uber runner jar, the newer one Quarkus' fast-jar layout.
        Files.createFile(Files.createDirectories(apicurio.resolve("3.0.9")).resolve("apicurio-registry-app-3.0.9-runner.jar"));
        Files.createFile(Files.createDirectories(apicurio.resolve("3.3.3")).resolve("quarkus-run.jar"));
        properties.put("clayflow.apicurio.dir", apicurio.toString());
        properties.put("clayflow.apicurio.version.java17", "3.0.9");
        properties.put("clayflow.apicurio.version.java21", "3.3.3");
    }

    @Test
    void onlyJava17MeansTheJava17BuildOnThisJvm() {
        ApicurioDistribution chosen = choose(java17);

        assertThat(chosen.version()).isEqualTo("3.0.9");
        assertThat(chosen.java()).isEqualTo(java17);
        assertThat(chosen.launcher()).isEqualTo(apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar"));
    }

    @Test
    void aJava21InstallationMeansTheNewerBuildOnIt() throws IOException {
        Path java25 = fakeJdk("temurin-25", "25.0.3");

        ApicurioDistribution chosen = choose(java17);

        assertThat(chosen.version()).isEqualTo("3.3.3");
        assertThat(chosen.java()).isEqualTo(new JavaRuntime(java25, 25));
        assertThat(chosen.launcher()).isEqualTo(apicurio.resolve("3.3.3/quarkus-run.jar"));
    }

    @Test
    void aCurrentJvmOf21OrNewerIsUsedBeforeScanning() throws IOException {
        fakeJdk("temurin-25", "25.0.3");
        JavaRuntime current = new JavaRuntime(temp.resolve("current"), 21);

        assertThat(choose(current).java()).isEqualTo(current);
    }

    @Test
    void theEnvironmentVariableComesFirst() throws IOException {
        fakeJdk("temurin-25", "25.0.3");
        Path configured = fakeJdk("elsewhere-22", "22.0.2");
        environment.put("CLAYFLOW_REGISTRY_JAVA_HOME", configured.toString());

        assertThat(choose(java17).java()).isEqualTo(new JavaRuntime(configured, 22));
    }

    @Test
    void anEnvironmentVariableNamingNoJavaIsAnError() {
        environment.put("CLAYFLOW_REGISTRY_JAVA_HOME", temp.resolve("nothing").toString());

        assertThatThrownBy(() -> choose(java17)).hasMessageContaining("CLAYFLOW_REGISTRY_JAVA_HOME");
    }

    @Test
    void aMissingDistributionSaysHowToUnpackIt() throws IOException {
        Files.delete(apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar"));

        assertThatThrownBy(() -> choose(java17))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry 3.0.9 is not unpacked")
                .hasMessageContaining("mvn verify");
    }

    @Test
    void missingPropertiesSayToRunThroughMaven() {
        properties.remove("clayflow.apicurio.dir");

        assertThatThrownBy(() -> choose(java17))
                .hasMessageContaining("clayflow.apicurio.dir is not set")
                .hasMessageContaining("Maven");
    }

    @Test
    void theCommandServesOnLoopbackAtTheGivenPorts() {
        assertThat(choose(java17).command(18081, 19081))
                .startsWith(java17.executable().toString())
                .contains("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=18081",
                        "-Dquarkus.management.port=19081", "-Dapicurio.ccompat.use-canonical-hash=true")
                .endsWith("-jar", apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar").toString());
    }

    private ApicurioDistribution choose(JavaRuntime current) {
        return ApicurioDistribution.choose(properties::get, environment::get, current, jvms);
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        Files.createFile(Files.createDirectories(home.resolve("bin")).resolve("java"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
