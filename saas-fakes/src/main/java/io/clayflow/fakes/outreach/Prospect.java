package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** A prospect as the simulated Outreach holds it: its id, its emails and a copy of its attributes. */
public record Prospect(long id, List<String> emails, JsonObject attributes) {

    public Prospect {
        emails = List.copyOf(emails);
        attributes = attributes.copy();
    }

    public String firstEmail() {
        return emails.isEmpty() ? null : emails.get(0);
    }
}
