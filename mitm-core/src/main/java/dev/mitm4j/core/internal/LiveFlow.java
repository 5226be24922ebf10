package dev.mitm4j.core.internal;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.http.Flow;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of a flow in progress: the connection it runs on, the server it belongs to,
 * and the streaming wishes addons expressed. Its server's {@link FlowRegistry} finds it from the
 * flow, from {@link FlowRegistry#start} until {@link #end()}.
 */
public final class LiveFlow {
    private final Flow flow;
    private final Connection connection;
    private final FlowRegistry owner;
    private final BodyBudget.Reservation bodies;
    private volatile boolean streamRequest;
    private volatile boolean streamResponse;
    private volatile @Nullable ChunkTransformer requestTransformer;
    private volatile @Nullable ChunkTransformer responseTransformer;
    private Runnable forgetKillListener = () -> { };

    LiveFlow(Flow flow, Connection connection, FlowRegistry owner) {
        this.flow = flow;
        this.connection = connection;
        this.owner = owner;
        this.bodies = owner.bodyBudget().reservation();
    }

    /** Killing the flow closes its connection (and with it the server connections). */
    void closeOnKill() {
        forgetKillListener = flow.onKill(connection::close);
    }

    /**
     * The flow ended (response sent or error): it leaves its server's registry, its buffered
     * bodies leave the budget, and it is no longer live. The flow no longer reaches the
     * connection, so a finished flow that an addon keeps does not keep the connection's
     * sockets and buffers.
     */
    public void end() {
        owner.ended(this);
        bodies.close();
        forgetKillListener.run();
        flow.live(false);
    }

    /**
     * Parks the calling thread while an addon holds the flow ({@code intercept()}), with the
     * connection's idle clock stopped meanwhile.
     *
     * @throws FlowKilledException when the flow was killed, before or while it was held
     */
    public void awaitResume() throws FlowKilledException {
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
