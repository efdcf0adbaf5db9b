package io.clayflow.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;

/** Avro single-object encoding to a byte array, for intake's internal serdes. */
final class SingleObjectBytes {

    private SingleObjectBytes() {
    }

    /**
     * {@code datum} in single-object encoding.
     *
     * @param what what it is, for the error, e.g. {@code a lead for leads-repartition}
     * @throws SerializationException when Avro cannot encode it
     */
    static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T datum, String what) {
        try {
            ByteBuffer buffer = encoder.encode(datum);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("Could not encode " + what, e);
        }
    }
}
