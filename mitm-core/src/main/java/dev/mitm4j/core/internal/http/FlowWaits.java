package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.http.Flow;

/** Parks the connection's thread while its flow is intercepted; turns a kill into an exception. */
final class FlowWaits {
    private FlowWaits() {}

    static void awaitResume(Flow flow) throws FlowKilledException {
        if (flow.intercepted()) {
            try {
                if (!flow.awaitResume()) {
                    throw new FlowKilledException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlowKilledException();
            }
        }
        if (flow.error() != null && flow.error().isKilled()) {
            throw new FlowKilledException();
        }
    }
}
