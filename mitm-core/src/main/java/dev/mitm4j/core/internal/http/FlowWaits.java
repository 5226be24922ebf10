package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.http.Flow;

/** Parks the connection's thread while its flow is intercepted; turns a kill into an exception. */
final class FlowWaits {
    private FlowWaits() {}

    static void awaitResume(Flow flow, Connection connection) throws FlowKilledException {
        if (flow.intercepted()) {
            connection.held(true);
            try {
                if (!flow.awaitResume()) {
                    throw new FlowKilledException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlowKilledException();
            } finally {
                connection.held(false);
            }
        }
        if (flow.error() != null && flow.error().isKilled()) {
            throw new FlowKilledException();
        }
    }
}
