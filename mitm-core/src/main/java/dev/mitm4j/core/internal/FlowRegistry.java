package dev.mitm4j.core.internal;

import dev.mitm4j.http.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The flows in progress on one server, each with its {@link LiveFlow}: so that
 * {@link dev.mitm4j.core.FlowMaster} can list them and close a killed flow's sockets, and the
 * {@link BodyBudget} their buffered bodies share. A flow is here from {@link #start} to
 * {@link LiveFlow#end()}; afterwards nothing here (nor its kill listener) keeps its connection
 * reachable. Thread-safe.
 */
public final class FlowRegistry {
    /** The registry of the server that started the current thread (see {@link Threads}). */
    private static final ThreadLocal<@Nullable FlowRegistry> CURRENT = new ThreadLocal<>();

    private final BodyBudget bodyBudget;
    private final Map<Flow, LiveFlow> live = new ConcurrentHashMap<>();

    public FlowRegistry(BodyBudget bodyBudget) {
        this.bodyBudget = bodyBudget;
    }

    /**
     * {@return the flows in progress on the server whose thread calls this, or null on a thread
     * no server started}
     */
    public static @Nullable FlowRegistry ofCurrentThread() {
        return CURRENT.get();
    }

    static void bindToCurrentThread(FlowRegistry registry) {
        CURRENT.set(registry);
    }

    /**
     * Registers {@code flow} as in progress on {@code connection}: killing it closes the
     * connection. Pair with {@link LiveFlow#end()}.
     */
    public LiveFlow start(Flow flow, Connection connection) {
        LiveFlow started = new LiveFlow(flow, connection, this);
        live.put(flow, started);
        started.closeOnKill();
        return started;
    }

    void ended(LiveFlow flow) {
        live.remove(flow.flow(), flow);
    }

    /** {@return the memory budget of the bodies buffered by these flows} */
    public BodyBudget bodyBudget() {
        return bodyBudget;
    }

    /** {@return the live state of {@code flow}, or null when it is not in progress here} */
    public @Nullable LiveFlow of(Flow flow) {
        return live.get(flow);
    }

    /** {@return a snapshot of the flows in progress} */
    public List<Flow> live() {
        return List.copyOf(live.keySet());
    }

    /** {@return the flows in progress that wait for resume or kill} */
    public List<Flow> intercepted() {
        List<Flow> result = new ArrayList<>();
        for (Flow f : live()) {
            if (f.intercepted()) {
                result.add(f);
            }
        }
        return result;
    }

    /** {@return the connection {@code flow} runs on, or null when it is not in progress here} */
    public @Nullable Connection connectionOf(Flow flow) {
        LiveFlow l = live.get(flow);
        return l != null ? l.connection() : null;
    }
}
