package io.clayflow.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a schema, as shipped in this jar from {@code schemas/history/}: what a reader of
 * stored bytes (a state store, an internal topic) needs to resolve data written before an upgrade.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "/io/clayflow/schemas/history/";

    private ReleasedSchemas() {
    }

    /** The released versions of a record, v1 first; empty when it has none. */
    public static List<Schema> of(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = ROOT + fullName + "/v" + version + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }
}
