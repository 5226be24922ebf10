package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;

/**
 * {@code intercept FILTER}: a flow that matches the filter (and is not a replay) is intercepted
 * in the {@code request} event and again in the {@code response} event; its connection's thread
 * parks after that event until {@link dev.mitm4j.core.FlowMaster#resume} or
 * {@link dev.mitm4j.core.FlowMaster#kill}, and {@link dev.mitm4j.core.FlowMaster#intercepted()}
 * lists it meanwhile. Installed only when interception is active (see {@link DefaultAddons}).
 * Immutable and thread-safe.
 */
final class Intercept implements Addon {
    private final FlowFilter filter;

    Intercept(FlowFilter filter) {
        this.filter = filter;
    }

    @Override
    public String name() {
        return "intercept";
    }

    @Override
    public void request(HttpFlow flow) {
        process(flow);
    }

    @Override
    public void response(HttpFlow flow) {
        process(flow);
    }

    private void process(HttpFlow flow) {
        if (flow.isReplay() == null && filter.test(flow)) {
            flow.intercept();
        }
    }
}
