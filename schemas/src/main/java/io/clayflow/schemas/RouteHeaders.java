package io.clayflow.schemas;

/** Headers the routing app sets on every record it writes to a {@code leads.route.*} topic. */
public final class RouteHeaders {

    /**
     * Every route the lead was written to, comma-separated in the order crm, outreach, nurture, warehouse (the rule
     * names), e.g. {@code crm,outreach,warehouse}; the same on each copy. A record on {@code leads.route.warehouse}
     * whose value is {@value #WAREHOUSE_ONLY} reached no route but the warehouse: an <i>unrouted</i> lead, counted
     * by {@code clayflow status} and the status app from the topic alone.
     */
    public static final String ROUTES = "clayflow.routes";

    /** The value of {@link #ROUTES} for a lead that reached the warehouse and nothing else. */
    public static final String WAREHOUSE_ONLY = "warehouse";

    private RouteHeaders() {
    }
}
