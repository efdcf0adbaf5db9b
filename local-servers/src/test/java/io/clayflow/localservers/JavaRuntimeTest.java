package io.clayflow.localservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {

    @TempDir
    Path jvms;

    @Test
    void readsTheFeatureVersionFromTheReleaseFile() throws IOException {
        Path home = fakeJdk("temurin-25", "25.0.3");

        assertThat(JavaRuntime.at(home)).contains(new JavaRuntime(home, 25));
    }

    @Test
    void aDirectoryWithoutALauncherIsNotAJavaHome() throws IOException {
        Path home = Files.createDirectories(jvms.resolve("broken"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");

        assertThat(JavaRuntime.at(home)).isEmpty();
    }

    @Test
    void picksTheNewestInstallationThatIsNewEnough() throws IOException {
        fakeJdk("openjdk-17", "17.0.15");
        fakeJdk("openjdk-21", "21.0.4");
        Path newest = fakeJdk("temurin-25", "25.0.3");

        assertThat(JavaRuntime.newestUnder(jvms, 21)).contains(new JavaRuntime(newest, 25));
        assertThat(JavaRuntime.newestUnder(jvms, 26)).isEmpty();
        assertThat(JavaRuntime.newestUnder(jvms.resolve("missing"), 21)).isEmpty();
    }

    @Test
    void theCurrentRuntimeIsThisJvm() {
        JavaRuntime current = JavaRuntime.current();

        assertThat(current.feature()).isEqualTo(Runtime.version().feature());
        assertThat(current.executable()).isExecutable();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        Path java = Files.createFile(home.resolve("java"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(java).isExecutable();
        Files.writeString(home.getParent().resolve("release"),
                "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        return home.getParent();
    }
}
