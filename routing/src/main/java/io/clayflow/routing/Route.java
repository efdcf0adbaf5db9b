package io.clayflow.routing;

import io.clayflow.schemas.Topics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A destination of routed leads: the name a rule file uses for it and the topic it writes to. */
public enum Route {

    CRM(Topics.LEADS_ROUTE_CRM),
    OUTREACH(Topics.LEADS_ROUTE_OUTREACH),
    NURTURE(Topics.LEADS_ROUTE_NURTURE),
    WAREHOUSE(Topics.LEADS_ROUTE_WAREHOUSE);

    private final String topic;

    Route(String topic) {
        this.topic = topic;
    }

    /** The name rules use: {@code crm}, {@code outreach}, {@code nurture}, {@code warehouse}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String topic() {
        return topic;
    }

    /** The route a rule file names, if there is one. */
    public static Optional<Route> named(String ruleName) {
        return Arrays.stream(values()).filter(route -> route.ruleName().equals(ruleName)).findFirst();
    }

    /** Every route's rule name, for messages: "crm, outreach, nurture, warehouse". */
    public static String ruleNames() {
        return Arrays.stream(values()).map(Route::ruleName).collect(Collectors.joining(", "));
    }
}
