package dev.mitm4j.core;

import dev.mitm4j.core.internal.AddonOptions;
import dev.mitm4j.core.internal.BodyBudget;
import dev.mitm4j.core.internal.ClientReplayOption;
import dev.mitm4j.core.internal.server.ClientReplays;
import dev.mitm4j.core.internal.ConnectionPathClasses;
import dev.mitm4j.core.internal.FlowRegistry;
import dev.mitm4j.core.internal.server.GracefulClose;
import dev.mitm4j.core.internal.server.Layers;
import dev.mitm4j.core.internal.server.Listener;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.addons.DefaultAddons;
import dev.mitm4j.core.spi.LayerSelector;
import dev.mitm4j.tls.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An embeddable proxy: one listener per {@link ProxyMode} of {@link Options#mode()}, all sharing
 * the options and addons captured by {@link #builder()}.
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.builder()
 *         .options(Options.builder().set("listen_port", "0").build())
 *         .addon(Addon.onRequest("tagger", f -> f.request().headers().set("x-via", "mitm4j")))
 *         .build()
 *         .start()) {
 *     int port = proxy.port();   // point clients at 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>Listening address: {@code listen_host}, or 127.0.0.1 when it is empty. Port: the mode's
 * {@code @port} suffix, else {@code listen_port}, else the mode's default (8080, SOCKS5 1080);
 * 0 picks a free port, reported by {@link #port()}.
 *
 * <p>With the option {@code server=false} (mitmdump's {@code -n}) {@link #start()} binds no
 * listener but the server still runs: addons get {@link Addon#running()}, and flows replayed with
 * {@link FlowMaster#replayClient} go through them.
 *
 * <p>The option {@code client_replay} (mitmdump's {@code -C}) needs an addon that reads its files,
 * a {@link ClientReplaySource} such as mitm-replay's {@code ClientPlayback}; {@link #start()}
 * replays them then, or refuses to start without that addon or with an unreadable file.
 *
 * <p>Threads: {@link #start()} and {@link #close()} may be called from any thread; each client
 * connection runs on its own virtual thread. {@link #close()} shuts down gracefully: it stops
 * accepting, gives flows in progress {@code shutdown_timeout} to finish, kills the rest, then
 * delivers {@link Addon#done()}.
 */
public final class ProxyServer implements AutoCloseable {
    private final ProxyConfig config;
    private final Services services;
    private final Layers layers;
    private final FlowMaster master;
    private final ClientReplays clientReplays;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedSignal = lock.newCondition();
    private final List<Listener> listeners = new ArrayList<>();
    private State state = State.BUILT;
    /** The thread running {@link #close()} until it returns; null before and after. */
    private @Nullable Thread closingThread;

    private enum State { BUILT, RUNNING, CLOSED }

    private ProxyServer(ProxyConfig config) {
        this.config = config;
        FlowRegistry flows = new FlowRegistry(
                BodyBudget.of(config.options().bodyMemoryBudget()));
        this.services = new Services(config, flows);
        this.layers = new Layers(services); // checks the registered layer selectors
        this.clientReplays = new ClientReplays(services);
        this.master = new FlowMaster(this, flows, clientReplays);
        services.addons().lifecycle("load", a -> a.load(config));
        services.addons().lifecycle("configure", a -> a.configure(config.options()));
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a server built by {@code configure} applied to a new builder (not started)} */
    public static ProxyServer create(Consumer<Builder> configure) {
        Builder b = builder();
        configure.accept(b);
        return b.build();
    }

    /**
     * Reads the {@code client_replay} files, binds every listener and starts accepting (none
     * with {@code server=false}), fires {@link Addon#running()}, then starts replaying the files'
     * flows, as mitmproxy does.
     *
     * <p>Client replay: the first addon that is a {@link ClientReplaySource} (mitm-replay's
     * {@code ClientPlayback}) reads the option's files on this thread before anything is bound;
     * after {@code running} their flows go to {@link FlowMaster#replayClient} (in file order,
     * as {@code client_replay_concurrency} says) and this method returns without waiting for
     * them. A file that cannot be read fails this call, naming the file, as mitmdump refuses to
     * start with a bad {@code -C} file.
     *
     * @return this server
     * @throws UncheckedIOException when a listener cannot bind (the others are closed again and
     *     the server is closed); or when a {@code client_replay} file cannot be read or is
     *     damaged, with a message naming the file: then nothing was bound, no {@code running}
     *     event was fired, and the server stays unstarted ({@link #close()} ends its addons)
     * @throws IllegalStateException when {@code client_replay} is set but no addon is a
     *     {@link ClientReplaySource} (the message names {@code ClientPlayback}; nothing bound,
     *     as above); or when {@code server_replay}, {@code save_stream_file} or {@code hardump}
     *     is set without mitm-replay's addon for it (named in the message); or when already
     *     started or closed
     * @throws IllegalArgumentException when a mode is not implemented (transparent)
     */
    public ProxyServer start() {
        ClientReplayOption clientReplay;
        lock.lock();
        try {
            if (state != State.BUILT) {
                throw new IllegalStateException("state: " + state);
            }
            for (ProxyMode mode : config.options().mode()) {
                if (mode instanceof ProxyMode.Transparent) {
                    throw new IllegalArgumentException("mode " + mode + " is not implemented");
                }
            }
            AddonOptions.check(config.options(), config.addons());
            clientReplay = ClientReplayOption.read(config);
            ConnectionPathClasses.load();
            for (ProxyMode mode : config.options().server() ? config.options().mode()
                    : List.<ProxyMode>of()) {
                listeners.add(new Listener(mode, ListenAddresses.of(config.options(), mode),
                        services, layers));
            }
            listeners.forEach(Listener::start);
            state = State.RUNNING;
        } catch (IOException e) {
            listeners.forEach(Listener::close);
            listeners.clear();
            state = State.CLOSED;
            throw new UncheckedIOException("cannot bind the proxy: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        services.addons().lifecycle("running", Addon::running);
        clientReplay.start(master);
        return this;
    }

    /**
     * {@return the port of the first listener (the real one when 0 was asked)}
     *
     * @throws IllegalStateException when the server is not running or has no listener
     */
    public int port() {
        List<InetSocketAddress> bound = addresses();
        if (bound.isEmpty()) {
            throw new IllegalStateException("no listener: the option server is false");
        }
        return bound.get(0).getPort();
    }

    /**
     * {@return the bound addresses, one per mode, in the order of {@link Options#mode()}; none
     * with {@code server=false}}
     *
     * @throws IllegalStateException when the server is not running
     */
    public List<InetSocketAddress> addresses() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new IllegalStateException("not running: " + state);
            }
            return listeners.stream().map(Listener::address).toList();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the configuration captured at build time} */
    public ProxyConfig config() {
        return config;
    }

    /** {@return the flow master of this server: flows in progress, intercept, resume, kill} */
    public FlowMaster master() {
        return master;
    }

    /**
     * {@return the CA this server signs its leaf certificates with} It is loaded from the
     * option {@code confdir} (mitmproxy's files there), or created there when missing, on the
     * first call or the first intercepted TLS connection, whichever comes first; later calls
     * return the same instance. It may be called before {@link #start()}. A server that
     * intercepts no TLS and never calls this leaves the confdir untouched; {@link #start()}
     * does not create the CA.
     *
     * <p>To let another process (a browser, curl, a script) read the CA files as soon as the
     * port accepts, call this before {@link #start()}: the files are complete when it returns.
     * mitmdump does so, as mitmproxy creates its CA at startup. Creating a CA takes about a
     * second (an RSA key of {@code key_size} bits); loading an existing one, milliseconds.
     *
     * @throws dev.mitm4j.tls.CertificateAuthorityException naming the file, when the CA in
     *     confdir is unreadable, expired, or cannot be written
     */
    public CertificateAuthority certificateAuthority() {
        return services.tls().ca();
    }

    /** Throws {@link IllegalStateException} unless {@link #start()} ran and not yet close. */
    void requireRunning() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new IllegalStateException("the server is not running: " + state);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down gracefully, then fires {@link Addon#done()}; returns once that ran.
     * <ol>
     *   <li>Every listener stops accepting (its port is released) and queued client replays
     *       are dropped.
     *   <li>For up to {@code shutdown_timeout} seconds (default 5), flows in progress may finish:
     *       each connection is closed as soon as nothing is in progress on it (idle keep-alive
     *       connections and passed-through tunnels at once), intercepted flows are killed.
     *   <li>Flows still in progress then are killed (error {@code "Connection killed."}, with
     *       the {@code error} event), every connection is closed, running replays are killed,
     *       and the server's threads get up to 2 s to deliver these last events and end (so
     *       that no event comes after {@code done}, and no thread outlives the server).
     *   <li>{@code done}: mitm-replay's {@code SaveStream} saves flows that are still unfinished
     *       then (an addon blocked them) as they are.
     * </ol>
     * Idempotent: a later call on another thread waits until the first one returned (an addon
     * calling it from {@code done} returns at once). Interrupting the calling thread skips the
     * waits.
     */
    @Override
    public void close() {
        List<Listener> running;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                if (closingThread != Thread.currentThread()) {
                    awaitClosed();
                }
                return;
            }
            state = State.CLOSED;
            closingThread = Thread.currentThread();
            running = List.copyOf(listeners);
        } finally {
            lock.unlock();
        }
        try {
            new GracefulClose(running, services, clientReplays,
                    Duration.ofSeconds(config.options().shutdownTimeout())).run();
            services.addons().lifecycle("done", Addon::done);
        } finally {
            lock.lock();
            try {
                closingThread = null;
                closedSignal.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Called with the lock held: waits until the closing thread is done. */
    private void awaitClosed() {
        while (closingThread != null) {
            try {
                closedSignal.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Collects the options and addons of a {@link ProxyServer}. Each setter modifies the state of
     * the builder and returns the same instance. Builders are not thread-safe and should not be
     * used concurrently from multiple threads without external synchronization.
     */
    public static final class Builder {
        private Options options = Options.defaults();
        private final List<Addon> addons = new ArrayList<>();
        private final List<LayerSelector> layerSelectors = new ArrayList<>();
        private Duration headerTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private boolean defaultAddons = true;

        private Builder() {}

        /**
         * Whether the built-in addons that options switch on ({@code anticache},
         * {@code block_list}, {@code map_local}, {@code modify_headers}, ...; see
         * {@code internal.addons.DefaultAddons}) run before the added ones, in mitmproxy's order
         * (default true).
         */
        public Builder defaultAddons(boolean enabled) {
            this.defaultAddons = enabled;
            return this;
        }

        /** Sets the options (default: {@link Options#defaults()}). */
        public Builder options(Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Adds an addon after those added before; events reach addons in this order. */
        public Builder addon(Addon addon) {
            addons.add(Objects.requireNonNull(addon, "addon"));
            return this;
        }

        /** Adds several addons in order. */
        public Builder addons(List<? extends Addon> more) {
            more.forEach(this::addon);
            return this;
        }

        /**
         * Adds a protocol to the stack: {@code selector} is asked, after those added before it,
         * whether it speaks what a client sends first, before the proxy's own recognition of
         * TLS, HTTP/1 and raw TCP, at every choice of a next layer (see {@link LayerSelector}).
         *
         * <pre>{@code
         * ProxyServer.builder().layerSelector(new ProxyProtocolSelector()).build();
         * }</pre>
         */
        public Builder layerSelector(LayerSelector selector) {
            layerSelectors.add(Objects.requireNonNull(selector, "selector"));
            return this;
        }

        /** Sets how long a client may take to send a request head (default 30 s). */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "headerTimeout");
            return this;
        }

        /** Sets how long connecting upstream may take (default 30 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        /**
         * {@return a server (not started) with an immutable copy of this configuration}
         *
         * @throws IllegalArgumentException when an option's spec or filter is malformed, or a
         *     layer selector wants fewer than 1 byte to identify its protocol
         */
        public ProxyServer build() {
            List<Addon> all = new ArrayList<>();
            if (defaultAddons) {
                all.addAll(DefaultAddons.forOptions(options));
            }
            all.addAll(addons);
            return new ProxyServer(new ProxyConfig(options, all, headerTimeout, connectTimeout,
                    layerSelectors));
        }
    }
}
