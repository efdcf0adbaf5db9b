package io.clayflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

/**
 * An image tarball as Jib's buildTar writes it (Docker's "save" layout: manifest.json, the config JSON, one gzipped tar
 * per layer), read with a minimal tar reader: the image's config, its tags, and every file path of its layers.
 */
record ImageTarball(JsonNode config, JsonNode manifest, Map<String, byte[]> smallFiles, java.util.Set<String> paths) {

    /** Files of the layers whose content is kept (small text files worth asserting). */
    private static final java.util.Set<String> KEPT = java.util.Set.of("etc/passwd", "etc/group",
            "opt/clayflow/connect-distributed.properties");

    static ImageTarball read(Path tarball) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(tarball)) {
            entries(in, (name, content) -> entries.put(name, content.get()));
        }
        JsonNode manifest = Kustomize.JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = Kustomize.JSON.readTree(entries.get(manifest.path("Config").asText()));
        Map<String, byte[]> kept = new LinkedHashMap<>();
        java.util.Set<String> paths = new java.util.TreeSet<>();
        for (JsonNode layer : manifest.path("Layers")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(entries.get(layer.asText())))) {
                entries(in, (name, content) -> {
                    String path = name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1)
                            : name;
                    paths.add(path);
                    if (KEPT.contains(path)) {
                        kept.put(path, content.get());
                    }
                });
            }
        }
        return new ImageTarball(config.path("config"), manifest, kept, paths);
    }

    String text(String path) {
        byte[] content = smallFiles.get(path);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    /** A lazily read entry content (the reader must consume it before the next entry). */
    interface Content {
        byte[] get();
    }

    /** Calls {@code visitor} with each regular file's name and content of a (ustar/GNU) tar stream. */
    private static void entries(InputStream in, BiConsumer<String, Content> visitor) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512) {
            if (header[0] == 0) {
                return;
            }
            String name = longName != null ? longName : field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            longName = null;
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            in.readNBytes((int) ((512 - size % 512) % 512));
            if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == '0' || type == '\0' || type == '5' || type == '2') {
                visitor.accept(name, () -> content);
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
