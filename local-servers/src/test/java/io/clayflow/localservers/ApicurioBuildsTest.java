package io.clayflow.localservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioBuildsTest {

    @TempDir
    Path temp;

    private Path apicurio;
    private Path jvms;
    private JavaRuntime java17;
    private ApicurioBuilds builds;

    @BeforeEach
    void unpackBothBuilds() throws IOException {
        apicurio = Files.createDirectories(temp.resolve("apicurio"));
        jvms = Files.createDirectories(temp.resolve("jvm"));
        java17 = new JavaRuntime(fakeJdk("openjdk-17", "17.0.15"), 17);
        // The older build ships an uber runner jar, the newer one Quarkus' fast-jar layout.
        Files.createFile(Files.createDirectories(apicurio.resolve("3.0.9")).resolve("apicurio-registry-app-3.0.9-runner.jar"));
        Files.createFile(Files.createDirectories(apicurio.resolve("3.3.3")).resolve("quarkus-run.jar"));
        builds = new ApicurioBuilds(apicurio, "registry.distribution.dir", "3.0.9", "3.3.3");
    }

    @Test
    void onlyJava17MeansTheJava17BuildOnThisJvm() {
        ApicurioDistribution chosen = builds.choose(Optional.empty(), java17, jvms);

        assertThat(chosen.version()).isEqualTo("3.0.9");
        assertThat(chosen.java()).isEqualTo(java17);
        assertThat(chosen.launcher()).isEqualTo(apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar"));
    }

    @Test
    void aJava21InstallationMeansTheNewerBuildOnIt() throws IOException {
        Path java25 = fakeJdk("temurin-25", "25.0.3");

        ApicurioDistribution chosen = builds.choose(Optional.empty(), java17, jvms);

        assertThat(chosen.version()).isEqualTo("3.3.3");
        assertThat(chosen.java()).isEqualTo(new JavaRuntime(java25, 25));
        assertThat(chosen.launcher()).isEqualTo(apicurio.resolve("3.3.3/quarkus-run.jar"));
    }

    @Test
    void aCurrentJvmOf21OrNewerIsUsedBeforeScanning() throws IOException {
        fakeJdk("temurin-25", "25.0.3");
        JavaRuntime current = new JavaRuntime(temp.resolve("current"), 21);

        assertThat(builds.choose(Optional.empty(), current, jvms).java()).isEqualTo(current);
    }

    @Test
    void aConfiguredJavaComesFirst() throws IOException {
        fakeJdk("temurin-25", "25.0.3");
        JavaRuntime configured = JavaRuntime.configured("registry.java.home", fakeJdk("elsewhere-22", "22.0.2"));

        assertThat(builds.choose(Optional.of(configured), java17, jvms).java()).isEqualTo(configured);
    }

    @Test
    void aConfiguredJavaOlderThan21IsPassedOver() throws IOException {
        Path java25 = fakeJdk("temurin-25", "25.0.3");
        JavaRuntime configured = JavaRuntime.configured("registry.java.home", fakeJdk("elsewhere-17", "17.0.2"));

        assertThat(builds.choose(Optional.of(configured), java17, jvms).java()).isEqualTo(new JavaRuntime(java25, 25));
    }

    @Test
    void aConfiguredHomeWithoutJavaIsAnErrorNamingTheSetting() {
        assertThatThrownBy(() -> JavaRuntime.configured("CLAYFLOW_REGISTRY_JAVA_HOME", temp.resolve("nothing")))
                .hasMessageContaining("CLAYFLOW_REGISTRY_JAVA_HOME=" + temp.resolve("nothing"))
                .hasMessageContaining("is not a Java home");
    }

    @Test
    void aMissingBuildSaysHowToUnpackItAndWhichSettingPointsAtIt() throws IOException {
        Files.delete(apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar"));

        assertThatThrownBy(() -> builds.choose(Optional.empty(), java17, jvms))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry 3.0.9 is not unpacked in " + apicurio.resolve("3.0.9"))
                .hasMessageContaining("mvn verify")
                .hasMessageContaining("point registry.distribution.dir at");
    }

    @Test
    void theCommandServesAtTheGivenAddressAndPorts() {
        ApicurioLauncher launcher = new ApicurioLauncher(builds.choose(Optional.empty(), java17, jvms));

        assertThat(launcher.command(new ApicurioLauncher.Settings("127.0.0.1", 18081, 19081, "384m", Optional.empty())))
                .startsWith(java17.executable().toString(), "-Xmx384m")
                .contains("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=18081",
                        "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=19081",
                        "-Dapicurio.ccompat.use-canonical-hash=true")
                .noneMatch(argument -> argument.startsWith("-Dapicurio.storage"))
                .endsWith("-jar", apicurio.resolve("3.0.9/apicurio-registry-app-3.0.9-runner.jar").toString());
    }

    @Test
    void aDatabaseFileKeepsTheSchemasInH2() {
        ApicurioLauncher launcher = new ApicurioLauncher(builds.choose(Optional.empty(), java17, jvms));
        Path database = temp.resolve("data/registry/registry");

        assertThat(launcher.command(new ApicurioLauncher.Settings("127.0.0.1", 8081, 9000, "256m",
                        Optional.of(database))))
                .contains("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + database);
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        Files.createFile(Files.createDirectories(home.resolve("bin")).resolve("java"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
