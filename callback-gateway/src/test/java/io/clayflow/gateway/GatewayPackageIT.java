package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gateway ships as its jar with the runtime classpath beside it ({@code target/lib}, named in the manifest's
 * Class-Path; the Docker image copies the same directory): neither may carry Kafka Streams, RocksDB or CEL, which the
 * hot callback path has no use for. Of clayflow's own modules only the wire contract ({@code schemas}) and
 * {@code config} may be there.
 */
class GatewayPackageIT {

    private static final Path TARGET = Path.of("target");
    private static final List<String> FORBIDDEN = List.of("org/apache/kafka/streams/", "org/rocksdb/", "dev/cel/");

    @Test
    void thePackagedJarAndItsClasspathCarryNoKafkaStreamsRocksDbOrCel() throws IOException {
        List<Path> shipped = new ArrayList<>(classPath());
        shipped.add(appJar());

        List<String> offending = new ArrayList<>();
        for (Path jar : shipped) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class")
                        && FORBIDDEN.stream().anyMatch(name::startsWith)).findFirst()
                        .ifPresent(name -> offending.add(jar.getFileName() + " (" + name + ")"));
            }
        }

        assertThat(offending).as("jars on the gateway's runtime classpath with Kafka Streams, RocksDB or CEL classes")
                .isEmpty();
    }

    @Test
    void ofClayflowsModulesOnlySchemasAndConfigShipWithTheGateway() throws IOException {
        List<String> clayflow = classPath().stream().map(jar -> jar.getFileName().toString())
                .filter(name -> name.startsWith("clayflow-")).map(name -> name.replaceAll("-\\d.*", "")).toList();

        assertThat(clayflow).containsExactlyInAnyOrder("clayflow-schemas", "clayflow-config");
        assertThat(classPath()).as("the producer and the server are there").anyMatch(jar -> jar.getFileName()
                .toString().startsWith("kafka-clients-")).anyMatch(jar -> jar.getFileName().toString()
                .startsWith("vertx-core-"));
    }

    /** The manifest's Class-Path and what {@code target/lib} holds: each jar must exist, and both lists agree. */
    private static List<Path> classPath() throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(appJar().toFile())) {
            manifest = jar.getManifest();
        }
        List<Path> named = Stream.of(manifest.getMainAttributes().getValue("Class-Path").split(" "))
                .filter(entry -> !entry.isBlank()).map(TARGET::resolve).toList();
        assertThat(named).allSatisfy(jar -> assertThat(jar).exists());
        try (Stream<Path> lib = Files.list(TARGET.resolve("lib"))) {
            assertThat(lib.map(Path::toAbsolutePath).map(Path::normalize).toList())
                    .containsExactlyInAnyOrderElementsOf(named.stream().map(Path::toAbsolutePath).map(Path::normalize)
                            .toList());
        }
        return named;
    }

    private static Path appJar() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(file -> file.getFileName().toString().matches("clayflow-callback-gateway-.*\\.jar")
                    && !file.getFileName().toString().endsWith("-tests.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("the gateway's jar is not in target/: run mvn verify"));
        }
    }
}
