package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.Threads;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.http.InjectedExchange;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client replay queue of one server, as mitmproxy's {@code clientplayback} addon: copies of
 * recorded flows marked {@code isReplay = "request"} run through {@link InjectedExchange} in
 * submission order, one at a time ({@code client_replay_concurrency} 1) or each at once (-1),
 * each on its own thread of the server ({@link Threads}), which the server's close waits for.
 * Flows that cannot be replayed (not HTTP, WebSocket, body not stored) are skipped with a
 * warning. Thread-safe.
 */
public final class ClientReplays {
    private static final Logger LOG = LoggerFactory.getLogger("dev.mitm4j.core.replay");

    private final Services services;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Job> pending = ConcurrentHashMap.newKeySet();
    private final Executor executor;
    private boolean closed;

    public ClientReplays(Services services) {
        this.services = services;
        Executor ownThread = job -> services.threads().startReplay(job);
        this.executor = services.options().clientReplayConcurrency() == 1
                ? new SerialExecutor(ownThread) : ownThread;
    }

    /**
     * Queues copies of {@code flows}.
     *
     * @return a future of the replayed copies in the order of {@code flows}, complete once each
     *     has its response or error (a copy dropped by {@link #stop()} is left out)
     * @throws IllegalStateException after {@link #close()}
     */
    public CompletableFuture<List<HttpFlow>> submit(List<? extends Flow> flows) {
        List<HttpFlow> copies = new ArrayList<>();
        for (Flow f : flows) {
            String problem = problem(Objects.requireNonNull(f, "flow"));
            if (problem != null) {
                LOG.warn("client replay skips flow {}: {}", f.id(), problem);
            } else {
                copies.add(prepare((HttpFlow) f));
            }
        }
        Batch batch = new Batch(copies.size());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the server is closed");
            }
            for (int i = 0; i < copies.size(); i++) {
                Job job = new Job(copies.get(i), batch, i);
                pending.add(job);
                executor.execute(job::run);
            }
        } finally {
            lock.unlock();
        }
        return batch.future;
    }

    /** {@return how many flows wait or run (mitmproxy's {@code replay.client.count})} */
    public int count() {
        return pending.size();
    }

    /**
     * Drops the flows that have not started (mitmproxy's {@code replay.client.stop}); running
     * ones finish.
     *
     * @return how many were dropped
     */
    public int stop() {
        int dropped = 0;
        for (Job job : pending) {
            if (job.state.compareAndSet(State.QUEUED, State.DROPPED)) {
                pending.remove(job);
                job.flow.live(false);
                job.batch.finish(job.index, null);
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Drops queued flows and kills running ones; their threads end soon after (the server waits
     * for them with {@link Threads#awaitEnded}).
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        stop();
        for (Job job : pending) {
            if (job.flow.killable()) {
                job.flow.kill();
            }
        }
    }

    /** {@return why {@code f} cannot be replayed, or null} (mitmproxy's checks) */
    private static @Nullable String problem(Flow f) {
        if (!(f instanceof HttpFlow h)) {
            return "can only replay HTTP flows";
        }
        if (h.request().rawContent() == null) {
            return "can't replay flow with missing content";
        }
        if (h.websocket() != null) {
            return "can't replay WebSocket flows";
        }
        if (h.request().method().equalsIgnoreCase("CONNECT")) {
            return "can't replay CONNECT requests";
        }
        return null;
    }

    private static HttpFlow prepare(HttpFlow recorded) {
        HttpFlow copy = recorded.copy();
        copy.response(null);
        copy.error(null);
        copy.websocket(null);
        copy.isReplay("request");
        copy.live(true);    // killable from now on, so that close() can end it at any point
        return copy;
    }

    private ProxyMode mode() {
        List<ProxyMode> modes = services.options().mode();
        return modes.isEmpty() ? ProxyMode.parse("regular") : modes.get(0);
    }

    private enum State { QUEUED, RUNNING, DROPPED }

    /** One flow to replay. */
    private final class Job {
        final HttpFlow flow;
        final Batch batch;
        final int index;
        final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);

        Job(HttpFlow flow, Batch batch, int index) {
            this.flow = flow;
            this.batch = batch;
            this.index = index;
        }

        void run() {
            if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
                return;
            }
            try {
                Connection connection = Connection.detached("replay-" + flow.id(),
                        services.threads());
                InjectedExchange.run(services, RealRootContext.detached(flow.client(), mode(),
                        services, connection), connection, flow);
            } catch (RuntimeException e) {
                LOG.warn("client replay of flow {} crashed", flow.id(), e);
            } finally {
                pending.remove(this);
                batch.finish(index, flow);
            }
        }
    }

    /** The flows of one {@link #submit} call; completes its future when each has finished. */
    private static final class Batch {
        final CompletableFuture<List<HttpFlow>> future = new CompletableFuture<>();
        private final AtomicReferenceArray<@Nullable HttpFlow> done;
        private final AtomicInteger remaining;

        Batch(int size) {
            this.done = new AtomicReferenceArray<>(size);
            this.remaining = new AtomicInteger(size);
            if (size == 0) {
                future.complete(List.of());
            }
        }

        /** Slot {@code index} finished with {@code flow}, or was dropped (null). */
        void finish(int index, @Nullable HttpFlow flow) {
            done.set(index, flow);
            if (remaining.decrementAndGet() == 0) {
                List<HttpFlow> result = new ArrayList<>();
                for (int i = 0; i < done.length(); i++) {
                    HttpFlow f = done.get(i);
                    if (f != null) {
                        result.add(f);
                    }
                }
                future.complete(List.copyOf(result));
            }
        }
    }
}
