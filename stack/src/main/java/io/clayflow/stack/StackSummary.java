package io.clayflow.stack;

import java.util.List;
import java.util.Map;

/** The text `up` prints once the stack is ready: where each part listens, where data and secrets are. No secrets. */
public final class StackSummary {

    private StackSummary() {
    }

    public static String of(LocalStack stack) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("clayflow local stack ready in %.1f s%n", stack.startupTime().toMillis() / 1000.0));
        for (Map.Entry<String, List<Endpoint>> part : stack.endpoints().entrySet()) {
            out.append(String.format("  %s%n", part.getKey()));
            for (Endpoint endpoint : part.getValue()) {
                out.append(String.format("      %-26s %s%n", endpoint.what(), endpoint.address()));
            }
        }
        out.append(String.format("  data directory                 %s%n", stack.config().dataDir()));
        out.append(String.format("  secrets (tokens, owner-only)   %s%n", stack.secretsFile()));
        out.append(String.format("  logs                           %s%n", stack.config().dataDir().resolve("logs")));
        return out.toString();
    }
}
