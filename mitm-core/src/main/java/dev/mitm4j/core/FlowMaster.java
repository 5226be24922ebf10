package dev.mitm4j.core;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.FlowRegistry;
import dev.mitm4j.core.internal.addons.Intercept;
import dev.mitm4j.http.Flow;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The control room of a {@link ProxyServer}: its options and addons, the flows in progress, and
 * flow control. Every method may be called from any thread.
 *
 * <p>Interception: a flow whose {@link Flow#intercept()} was called by an addon (in any HTTP
 * event) parks its connection's thread after that event until {@link #resume(Flow)} or
 * {@link #kill(Flow)}. Killing ends the flow with the error {@code "Connection killed."}, fires
 * the {@code error} event, and closes the flow's client and server connections.
 */
public final class FlowMaster {
    private final ProxyServer server;
    private final FlowRegistry flows;

    FlowMaster(ProxyServer server, FlowRegistry flows) {
        this.server = server;
        this.flows = flows;
    }

    /** {@return the options of the server} */
    public Options options() {
        return server.config().options();
    }

    /** {@return the addons, in event order} */
    public List<Addon> addons() {
        return server.config().addons();
    }

    /** {@return the servers run by this master} */
    public List<ProxyServer> servers() {
        return List.of(server);
    }

    /** {@return a snapshot of the flows in progress} */
    public List<Flow> flows() {
        return flows.live();
    }

    /** {@return a snapshot of the flows waiting for {@link #resume} or {@link #kill}} */
    public List<Flow> intercepted() {
        return flows.intercepted();
    }

    /**
     * {@return whether the {@code intercept} filter holds matching flows now} False when no
     * intercept filter is set.
     */
    public boolean interceptActive() {
        Intercept intercept = interceptAddon();
        return intercept != null && intercept.active();
    }

    /**
     * Switches the {@code intercept} filter on or off at run time, as mitmproxy's
     * {@code intercept_active}. Flows already held stay held until resumed or killed.
     *
     * @throws IllegalStateException when the server has no {@code intercept} filter to switch
     */
    public void interceptActive(boolean on) {
        Intercept intercept = interceptAddon();
        if (intercept == null) {
            throw new IllegalStateException(
                    "no intercept filter is set: set the option intercept=FILTER first");
        }
        intercept.active(on);
    }

    private @Nullable Intercept interceptAddon() {
        for (Addon addon : addons()) {
            if (addon instanceof Intercept intercept) {
                return intercept;
            }
        }
        return null;
    }

    /** Marks {@code flow} intercepted: it parks after the event that is running, or the next. */
    public void intercept(Flow flow) {
        flow.intercept();
    }

    /** Lets an intercepted flow go on. */
    public void resume(Flow flow) {
        flow.resume();
    }

    /**
     * Ends {@code flow} with the error {@code "Connection killed."} and closes its connections.
     * Does nothing to a flow that already ended.
     */
    public void kill(Flow flow) {
        Connection connection = flows.connectionOf(flow);
        if (connection == null || !flow.killable()) {
            return;
        }
        flow.kill();
    }
}
