package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Supplier;

/** Prospects and sequence states as Outreach's JSON:API resource objects, with links under the fake's base URL. */
final class JsonApiDocuments {

    private final Supplier<String> baseUrl;

    JsonApiDocuments(Supplier<String> baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    JsonObject prospectDocument(Prospect prospect) {
        String base = baseUrl.get() + "/api/v2/";
        return new JsonObject().put("type", "prospect").put("id", prospect.id())
                .put("attributes", prospect.attributes())
                .put("relationships", new JsonObject().put("sequenceStates", new JsonObject().put("links",
                        new JsonObject().put("related", base + "sequenceStates?filter%5Bprospect%5D%5Bid%5D="
                                + prospect.id()))))
                .put("links", new JsonObject().put("self", base + "prospects/" + prospect.id()));
    }

    JsonObject stateDocument(SequenceState state) {
        return new JsonObject().put("type", "sequenceState").put("id", state.id())
                .put("attributes", new JsonObject().put("state", state.state()))
                .put("relationships", new JsonObject()
                        .put("prospect", related("prospect", state.prospectId()))
                        .put("sequence", related("sequence", state.sequenceId()))
                        .put("mailbox", related("mailbox", state.mailboxId())))
                .put("links", new JsonObject().put("self", baseUrl.get() + "/api/v2/sequenceStates/" + state.id()));
    }

    private static JsonObject related(String type, long id) {
        return new JsonObject().put("data", new JsonObject().put("type", type).put("id", id));
    }
}
