package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code intercept FILTER}: a flow that matches the filter (and is not a replay) is intercepted
 * in the {@code request} event and again in the {@code response} event; its connection's thread
 * parks after that event until {@link dev.mitm4j.core.FlowMaster#resume} or
 * {@link dev.mitm4j.core.FlowMaster#kill}, and {@link dev.mitm4j.core.FlowMaster#intercepted()}
 * lists it meanwhile. Installed whenever the {@code intercept} option holds a filter (see
 * {@link DefaultAddons}). As in mitmproxy, setting the filter makes {@code intercept_active}
 * true; {@link dev.mitm4j.core.FlowMaster#interceptActive(boolean)} switches it at run time. Thread-safe: the
 * switch may be flipped from any thread, and a flip applies to the next event.
 */
public final class Intercept implements Addon {
    private final FlowFilter filter;
    private final AtomicBoolean active;

    Intercept(FlowFilter filter) {
        this.filter = filter;
        this.active = new AtomicBoolean(true);
    }

    /** {@return whether matching flows are held now} */
    public boolean active() {
        return active.get();
    }

    /** Turns holding matching flows on or off; flows already held stay held until resumed. */
    public void active(boolean on) {
        active.set(on);
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
        if (active.get() && flow.isReplay() == null && filter.test(flow)) {
            flow.intercept();
        }
    }
}
