package dev.mitm4j.core.internal;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.http.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of a flow in progress: the connection it runs on, the server it belongs to,
 * and the streaming wishes addons expressed. One process-wide map finds it from the flow; entries
 * live exactly as long as the flow is in progress.
 */
public final class LiveFlow {
    private static final Map<Flow, LiveFlow> LIVE = new ConcurrentHashMap<>();

    private final Flow flow;
    private final Connection connection;
    private final FlowRegistry owner;
    private final BodyBudget.Reservation bodies;
    private volatile boolean streamRequest;
    private volatile boolean streamResponse;
    private volatile @Nullable ChunkTransformer requestTransformer;
    private volatile @Nullable ChunkTransformer responseTransformer;

    private LiveFlow(Flow flow, Connection connection, FlowRegistry owner) {
        this.flow = flow;
        this.connection = connection;
        this.owner = owner;
        this.bodies = owner.bodyBudget().reservation();
    }

    /** Registers {@code flow} as in progress; pair with {@link #end()}. */
    public static LiveFlow start(Flow flow, Connection connection, FlowRegistry owner) {
        LiveFlow live = new LiveFlow(flow, connection, owner);
        LIVE.put(flow, live);
        flow.onKill(connection::close);
        return live;
    }

    /** {@return the live state of {@code flow}, or null when it is not in progress} */
    public static @Nullable LiveFlow of(Flow flow) {
        return LIVE.get(flow);
    }

    static List<Flow> flowsOf(FlowRegistry owner) {
        List<Flow> result = new ArrayList<>();
        for (LiveFlow live : LIVE.values()) {
            if (live.owner == owner) {
                result.add(live.flow);
            }
        }
        return result;
    }

    /** The flow ended (response sent or error): its buffered bodies leave the budget. */
    public void end() {
        LIVE.remove(flow);
        bodies.close();
    }

    /** {@return the share of the server's body budget this flow's buffered bodies hold} */
    public BodyBudget.Reservation bodies() {
        return bodies;
    }

    public Flow flow() {
        return flow;
    }

    public Connection connection() {
        return connection;
    }

    FlowRegistry owner() {
        return owner;
    }

    public void streamRequest(boolean on, @Nullable ChunkTransformer transformer) {
        this.streamRequest = on;
        this.requestTransformer = transformer;
    }

    public void streamResponse(boolean on, @Nullable ChunkTransformer transformer) {
        this.streamResponse = on;
        this.responseTransformer = transformer;
    }

    public boolean streamRequest() {
        return streamRequest;
    }

    public boolean streamResponse() {
        return streamResponse;
    }

    public @Nullable ChunkTransformer requestTransformer() {
        return requestTransformer;
    }

    public @Nullable ChunkTransformer responseTransformer() {
        return responseTransformer;
    }
}
