package dev.mitm4j.core.internal.addons;

import dev.mitm4j.http.HttpFlow;

/** Guards shared by the addons, as mitmproxy's addons write them. */
final class Flows {
    private Flows() {}

    /** {@return whether the request phase may still change {@code flow}: no response, no error} */
    static boolean requestOpen(HttpFlow flow) {
        return flow.response() == null && flow.error() == null && flow.live();
    }

    /** {@return whether the response phase may still change {@code flow}: no error, live} */
    static boolean responseOpen(HttpFlow flow) {
        return flow.response() != null && flow.error() == null && flow.live();
    }
}
