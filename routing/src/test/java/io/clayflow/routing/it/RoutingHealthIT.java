package io.clayflow.routing.it;

import io.clayflow.routing.Route;
import io.clayflow.routing.RoutingApp;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.AbstractStreamsHealthIT;
import io.clayflow.streams.StreamsApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Routing's {@code /health/live} and {@code /health/ready} on a real broker (see {@link AbstractStreamsHealthIT}). */
class RoutingHealthIT extends AbstractStreamsHealthIT {

    @Override
    protected StreamsApp app(Map<String, String> settings) {
        return new RoutingApp(RoutingConfig.LOADER.resolve(settings));
    }

    @Override
    protected List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(Topics.LEADS_ENRICHED, Topics.LEADS_DLQ));
        for (Route route : Route.values()) {
            topics.add(route.topic());
        }
        return topics;
    }
}
