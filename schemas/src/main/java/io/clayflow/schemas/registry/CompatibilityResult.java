package io.clayflow.schemas.registry;

import java.util.List;

/** The registry's verdict on whether a schema may be registered under a subject, with its reasons if not. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
