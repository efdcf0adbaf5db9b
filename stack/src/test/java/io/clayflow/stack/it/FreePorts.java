package io.clayflow.stack.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nothing listens on right now, all different, below the kernel's ephemeral range (32768+ on Linux): a port
 * from that range can be handed to one of the stack's own outgoing connections between this check and the part that
 * binds it later, and that part would then fail with "address already in use".
 */
final class FreePorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    static List<Integer> take(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!ports.contains(port) && free(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
