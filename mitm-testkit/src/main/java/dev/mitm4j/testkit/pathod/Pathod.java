package dev.mitm4j.testkit.pathod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A pathological HTTP/1 server on 127.0.0.1 that answers with crafted responses, as pathod does.
 * A request for {@code /p/SPEC} gets the response SPEC describes ({@link #p(String)} builds such
 * URLs); an anchor ({@code regex=spec}) answers paths it matches from their start. Proxy-style
 * requests (absolute-form) are answered from their path. A spec that does not parse gets the
 * non-standard 800 response whose body names the problem; an unmatched path gets 404.
 *
 * <p>Every request is logged before it is answered, so a client that got its response finds it
 * in {@link #log()}. One virtual thread per connection; keep-alive until a disconnect action, a
 * raw response without length, or {@code Connection: close}.
 *
 * <p>Threads: safe for concurrent use. {@link #close()} stops accepting, ends pauses (also
 * {@code pf}, forever), and closes every connection.
 */
public final class Pathod implements AutoCloseable {
    private final String prefix;
    private final List<Anchor> anchors;
    private final ServerSocket socket;
    private final List<PathodLogEntry> log = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    record Anchor(Pattern path, String spec) {}

    private Pathod(Builder b) throws IOException {
        this.prefix = b.prefix;
        this.anchors = List.copyOf(b.anchors);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("pathod-accept-" + socket.getLocalPort()).start(this::accept);
    }

    /** {@return a started server with the default prefix {@code /p/} and no anchors} */
    public static Pathod start() {
        return builder().start();
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the port} */
    public int port() {
        return socket.getLocalPort();
    }

    /** {@return the address (127.0.0.1 and {@link #port()})} */
    public InetSocketAddress address() {
        return new InetSocketAddress(socket.getInetAddress(), port());
    }

    /** {@return {@code http://127.0.0.1:port} followed by {@code path}} */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /**
     * {@return the URL that serves {@code spec}}, as pathod.test's {@code d.p(spec)}
     *
     * @throws PathodSpecException when the spec does not parse (caught early, not as an 800)
     */
    public URI p(String spec) {
        ResponseSpec.parse(spec);
        return url(prefix + PercentCodec.encode(spec));
    }

    /** {@return every request logged so far, oldest first} */
    public List<PathodLogEntry> log() {
        return List.copyOf(log);
    }

    /**
     * {@return the newest log entry}
     *
     * @throws AssertionError when nothing was logged
     */
    public PathodLogEntry lastLog() {
        List<PathodLogEntry> all = log();
        if (all.isEmpty()) {
            throw new AssertionError("pathod on port " + port() + " received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets the log. */
    public void clearLog() {
        log.clear();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread.ofVirtual().name("pathod-" + s.getPort()).start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            new PathodConnection(s, this::answer, this::pause).run();
        } catch (IOException | InterruptedException e) {
            // the client went away, or we are closing: nothing to report to anyone
        } finally {
            connections.remove(s);
        }
    }

    /** Chooses the response for a request and logs both. */
    ResponseSpec answer(PathodConnection.Received request) {
        String path = request.path();
        String specText = specFor(path);
        ResponseSpec spec;
        String error = null;
        if (specText == null) {
            spec = ResponseSpec.parse("404");
        } else {
            try {
                spec = ResponseSpec.parse(specText);
            } catch (PathodSpecException e) {
                error = e.getMessage();
                spec = new ResponseSpec(800, null, List.of(), Value.literal(e.getMessage()), false,
                        List.of());
            }
        }
        log.add(new PathodLogEntry(request.method(), path, request.headers(), request.body(),
                spec.toString(), error));
        return spec;
    }

    private @Nullable String specFor(String path) {
        for (Anchor a : anchors) {
            if (a.path().matcher(path).lookingAt()) {
                return a.spec();
            }
        }
        if (path.startsWith(prefix)) {
            return PercentCodec.decode(path.substring(prefix.length()));
        }
        return null;
    }

    private void pause(@Nullable Duration duration) throws InterruptedException {
        if (duration == null) {
            closed.await();
        } else {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops accepting, ends pauses and closes every connection. */
    @Override
    public void close() {
        closed.countDown();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "Pathod[127.0.0.1:" + port() + "]";
    }

    /**
     * Configures a {@link Pathod}. Each setter modifies the state of the builder and returns the
     * same instance. Builders are not thread-safe and should not be used concurrently from
     * multiple threads without external synchronization.
     */
    public static final class Builder {
        private String prefix = "/p/";
        private final List<Anchor> anchors = new ArrayList<>();

        private Builder() {}

        /** Sets the path prefix after which a spec follows (default {@code /p/}). */
        public Builder prefix(String prefix) {
            if (!prefix.startsWith("/")) {
                throw new IllegalArgumentException("prefix must start with /: " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * Adds an anchor in pathod's command-line form {@code regex=spec} (split at the first
         * {@code =}). Anchors are tried in order before the prefix.
         *
         * @throws PathodSpecException when the spec does not parse
         * @throws IllegalArgumentException when there is no {@code =} or the regex is bad
         */
        public Builder anchor(String regexEqualsSpec) {
            int eq = regexEqualsSpec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("anchor must be regex=spec: " + regexEqualsSpec);
            }
            return anchor(regexEqualsSpec.substring(0, eq), regexEqualsSpec.substring(eq + 1));
        }

        /** Adds an anchor: paths matched by {@code regex} from their start get {@code spec}. */
        public Builder anchor(String regex, String spec) {
            ResponseSpec.parse(spec);
            anchors.add(new Anchor(Pattern.compile(regex), spec));
            return this;
        }

        /**
         * {@return a started server}
         *
         * @throws UncheckedIOException when it cannot bind
         */
        public Pathod start() {
            try {
                return new Pathod(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind pathod", e);
            }
        }
    }
}
