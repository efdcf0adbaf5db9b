package io.clayflow.stack;

import java.util.Objects;

/** Where a part of the stack listens: what it is and its address, e.g. {@code ("bootstrap", "127.0.0.1:9092")}. */
public record Endpoint(String what, String address) {

    public Endpoint {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(address, "address");
    }
}
