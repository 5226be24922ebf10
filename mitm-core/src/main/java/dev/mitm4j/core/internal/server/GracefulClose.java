package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.FlowRegistry;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.Threads;
import dev.mitm4j.http.Flow;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shutdown of a running server, so that flows in progress end (or are at least saved)
 * instead of vanishing:
 * <ol>
 *   <li>every listener stops accepting; queued client replays are dropped;
 *   <li>for up to {@code shutdown_timeout}, connections are closed as soon as nothing is in
 *       progress on them (idle keep-alive connections and passed-through tunnels at once), and
 *       intercepted flows are killed (nobody is left to resume them), until no connection and
 *       no client replay is left;
 *   <li>the flows still in progress are killed (error {@code "Connection killed."} and the
 *       {@code error} event), every connection is closed, running replays are killed;
 *   <li>the server's threads (connections, relays, replays, watchdogs) get up to {@link #DRAIN}
 *       to deliver their last events and end.
 * </ol>
 * The caller then fires {@code done}, where addons such as SaveStream save whatever is still
 * unfinished as it is. Runs on the thread that closes the server; interrupting it skips the
 * waits.
 */
public final class GracefulClose {
    /** How long the server's threads get to deliver their last events after step 3. */
    static final Duration DRAIN = Duration.ofSeconds(2);
    /** How often step 2 looks again whether connections went idle. */
    static final Duration POLL = Duration.ofMillis(10);
    /** A connection with no traffic for this long and no flow in progress is idle. */
    static final Duration QUIET = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(GracefulClose.class);

    private final List<Listener> listeners;
    private final FlowRegistry flows;
    private final ClientReplays replays;
    private final Threads threads;
    private final Duration grace;

    public GracefulClose(List<Listener> listeners, Services services, ClientReplays replays,
            Duration grace) {
        this.listeners = List.copyOf(listeners);
        this.flows = services.flows();
        this.threads = services.threads();
        this.replays = replays;
        this.grace = grace;
    }

    /** Runs the four steps; returns when the server may fire {@code done}. */
    public void run() {
        listeners.forEach(Listener::stopAccepting);
        replays.stop();
        boolean interrupted = false;
        try {
            if (!awaitIdle(System.nanoTime() + grace.toNanos())) {
                killTheRest();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            killTheRest();
        }
        listeners.forEach(Listener::close);
        replays.close();
        try {
            if (!interrupted) {
                awaitDrained(System.nanoTime() + DRAIN.toNanos());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Step 2; {@return whether nothing was left in progress before {@code deadline}} */
    private boolean awaitIdle(long deadline) throws InterruptedException {
        boolean announced = false;
        while (true) {
            killIntercepted();
            int open = closeIdleConnections();
            if (open == 0 && replays.count() == 0) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (!announced) {
                LOG.info("shutting down: waiting up to {} s (shutdown_timeout) for {} "
                        + "connection(s) and {} client replay(s) in progress", grace.toSeconds(),
                        open, replays.count());
                announced = true;
            }
            Thread.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
    }

    /** {@return how many connections are still open after closing the idle ones} */
    private int closeIdleConnections() {
        Set<Connection> busy = new HashSet<>();
        for (Flow flow : flows.live()) {
            Connection c = flows.connectionOf(flow);
            if (c != null) {
                busy.add(c);
            }
        }
        long now = System.nanoTime();
        long quiet = QUIET.toNanos();
        int open = 0;
        for (Listener listener : listeners) {
            open += listener.closeUnless(c -> busy.contains(c) || !c.quiet(now, quiet));
        }
        return open;
    }

    private void killIntercepted() {
        for (Flow flow : flows.intercepted()) {
            kill(flow);
        }
    }

    /** Step 3 for flows on client connections (client replays are killed by their own close). */
    private void killTheRest() {
        List<Flow> left = flows.live();
        if (!left.isEmpty()) {
            LOG.info("shutting down: shutdown_timeout ({} s) ran out; killing {} flow(s) still "
                    + "in progress", grace.toSeconds(), left.size());
        }
        left.forEach(GracefulClose::kill);
    }

    private static void kill(Flow flow) {
        if (flow.killable()) {
            try {
                flow.kill();
            } catch (RuntimeException e) {
                // it ended meanwhile, or a kill listener failed after the flow was killed
                LOG.debug("killing flow {} at shutdown: {}", flow.id(), e.toString());
            }
        }
    }

    private void awaitDrained(long deadline) throws InterruptedException {
        List<Thread> left = threads.awaitEnded(deadline);
        if (!left.isEmpty()) {
            LOG.warn("shutting down: {} thread(s) still running {} s after their connections "
                    + "were closed (an addon blocks?), such as {}; their flows are saved as "
                    + "they are", left.size(), DRAIN.toSeconds(), left.getFirst().getName());
        }
    }
}
