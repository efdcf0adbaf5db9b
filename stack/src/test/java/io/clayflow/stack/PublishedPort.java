package io.clayflow.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of a compose service's {@code ports}, short ({@code [HOST_IP:]HOST:CONTAINER[/PROTOCOL]}) or long
 * ({@code target}, {@code published}, {@code host_ip}) syntax. Without a host IP, Docker publishes on every interface.
 */
record PublishedPort(String service, String hostIp, int hostPort, int containerPort) {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    /** Whether only this machine can reach the port. */
    boolean loopbackOnly() {
        return hostIp != null && LOOPBACK.contains(hostIp);
    }

    /** Every published port of every service of a compose file read into a tree. */
    static List<PublishedPort> of(JsonNode compose) {
        List<PublishedPort> ports = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports")
                .forEach(port -> ports.add(parse(service.getKey(), port))));
        return ports;
    }

    static PublishedPort parse(String service, JsonNode port) {
        if (port.isObject()) {
            String hostIp = port.hasNonNull("host_ip") ? port.get("host_ip").asText() : null;
            int target = port.path("target").asInt();
            int published = port.hasNonNull("published") ? Integer.parseInt(port.get("published").asText()) : target;
            return new PublishedPort(service, hostIp, published, target);
        }
        String text = port.asText();
        int slash = text.indexOf('/');
        String spec = slash < 0 ? text : text.substring(0, slash);
        int last = spec.lastIndexOf(':');
        if (last < 0) {
            // "8080" alone: published on a random host port on every interface.
            return new PublishedPort(service, null, 0, Integer.parseInt(spec));
        }
        int container = Integer.parseInt(spec.substring(last + 1));
        String rest = spec.substring(0, last);
        int hostSeparator = rest.lastIndexOf(':');
        if (hostSeparator < 0) {
            return new PublishedPort(service, null, Integer.parseInt(rest), container);
        }
        return new PublishedPort(service, rest.substring(0, hostSeparator),
                Integer.parseInt(rest.substring(hostSeparator + 1)), container);
    }

    @Override
    public String toString() {
        return service + " " + (hostIp == null ? "*" : hostIp) + ":" + hostPort + "->" + containerPort;
    }
}
