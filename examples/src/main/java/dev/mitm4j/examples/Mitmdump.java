package dev.mitm4j.examples;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.examples.internal.CommandLine;
import dev.mitm4j.examples.internal.Dumper;
import dev.mitm4j.examples.internal.DumperAddon;
import dev.mitm4j.examples.internal.FlowFiles;
import dev.mitm4j.examples.internal.IdleHeap;
import dev.mitm4j.examples.internal.Invocation;
import dev.mitm4j.examples.internal.OptionsListing;
import dev.mitm4j.examples.internal.TermLog;
import dev.mitm4j.examples.internal.UsageException;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Flow;
import dev.mitm4j.replay.ClientPlayback;
import dev.mitm4j.replay.HarDump;
import dev.mitm4j.replay.SaveStream;
import dev.mitm4j.replay.ServerPlayback;
import dev.mitm4j.tls.CertificateAuthorityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A mitmdump-compatible command line: {@code mitmdump [options] [filter]}. It accepts mitmdump's
 * flags for every feature mitm4j has ({@code -p}, {@code -m}, {@code --set NAME=VALUE}, ...; see
 * {@code --help} and {@code --options}) and prints each flow as mitmdump does.
 *
 * <p>Replay and files, as mitmdump: {@code -r} reads a file before serving; {@code -C} replays
 * recorded requests through the running proxy's addons (with {@code -n} there is no listener,
 * but the replayed flows still go through the addons to their servers); {@code -S} answers
 * matching requests from a recording. Without {@code --keepserving}, a run with {@code -r},
 * {@code -C} or {@code -S} ends by itself once nothing is left to do: no client replay waiting
 * or running, no server-replay flow left to serve, no flow in progress (mitmproxy's
 * {@code keepserving} addon, checked every 100 ms). So {@code -S} alone ends after every
 * recorded response was served once (never with {@code server_replay_reuse}), and {@code -r}
 * alone (or {@code -n} without replay) ends after reading without starting a proxy.
 *
 * <p>Shutdown: Ctrl-C or SIGTERM closes the proxy gracefully ({@link ProxyServer#close()}): no
 * new connection is accepted, flows in progress get {@code shutdown_timeout} seconds (default 5)
 * to finish, the rest are killed, and {@code -w} saves them all before the JVM exits. A second
 * Ctrl-C or SIGTERM meanwhile exits at once.
 *
 * <p>Exit status: 0 after Ctrl-C/SIGTERM (caught: the proxy is closed, then the JVM exits), after
 * the run ended by itself, or after {@code --version}/{@code --options}/{@code --help}; 130
 * (Ctrl-C) or 143 (SIGTERM) for a second signal during the graceful close; 1 when the proxy
 * cannot start (port in use) or a file cannot be read; 2 for a bad command line, with a message
 * naming the flag or option and the accepted forms.
 */
public final class Mitmdump implements AutoCloseable {
    /** Exit status for bad arguments, as argparse uses. */
    public static final int USAGE = 2;

    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    private final ProxyServer server;
    private final boolean endsWhenIdle;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Mitmdump(ProxyServer server, boolean endsWhenIdle) {
        this.server = server;
        this.endsWhenIdle = endsWhenIdle;
    }

    /** Runs the CLI; exits with the status of {@link #run}. */
    public static void main(String[] args) {
        IdleHeap.giveBackAfter(IdleHeap.INTERVAL);
        TermLog.levelFrom(args);
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /**
     * Runs a whole command line: prints, or starts the proxy and waits until the JVM shuts down.
     *
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Mitmdump running;
        try {
            running = start(args, out, err);
        } catch (UsageException e) {
            return USAGE;
        } catch (UncheckedIOException e) {
            err.println("mitmdump: error: " + e.getMessage());
            return 1;
        }
        if (running == null) {
            return 0;
        }
        Signals.onInterruptOrTerminate(running::close);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "mitmdump-shutdown"));
        running.awaitClose();
        return 0;
    }

    /**
     * Parses {@code args} and starts the proxy (the in-process entry point of tests).
     *
     * @return the running proxy, or null when the arguments only asked to print something
     * @throws UsageException after printing the error and usage line to {@code err}
     */
    public static @org.jspecify.annotations.Nullable Mitmdump start(String[] args,
            PrintStream out, PrintStream err) throws UsageException {
        try {
            Invocation invocation = CommandLine.parse(args);
            return switch (invocation.action()) {
                case VERSION -> print(out, version());
                case OPTIONS -> print(out, OptionsListing.render());
                case HELP -> print(out, CommandLine.usage());
                case RUN -> launch(invocation, out, err);
            };
        } catch (UsageException e) {
            err.println("usage: mitmdump [options] [filter]");
            err.println("mitmdump: error: " + e.getMessage());
            err.flush();
            throw e;
        }
    }

    private static @org.jspecify.annotations.Nullable Mitmdump print(PrintStream out,
            String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return null;
    }

    private static Mitmdump launch(Invocation invocation, PrintStream out, PrintStream err)
            throws UsageException {
        Options options = invocation.options();
        for (ProxyMode mode : options.mode()) {
            if (mode instanceof ProxyMode.Transparent) {
                throw new UsageException("mode transparent is not supported by mitm4j yet; use "
                        + "regular, socks5, reverse:URL or upstream:URL");
            }
        }
        Predicate<Flow> filter = filter(invocation.filter() != null ? invocation.filter()
                : options.dumperFilter());
        Dumper dumper = new Dumper(out, options.flowDetail(), options.showhost(), filter);
        List<Addon> addons = addons(options, new DumperAddon(dumper));
        ProxyServer server = ProxyServer.builder().options(options).addons(addons).build();
        if (fileWorkEnds(options, addons, server)) {
            return null;
        }
        createCertificateAuthority(server);
        startOrClose(server);
        List<InetSocketAddress> addresses = server.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            err.println(describe(options.mode().get(i)) + " listening at "
                    + addresses.get(i).getHostString() + ":" + addresses.get(i).getPort() + ".");
        }
        err.flush();
        Mitmdump running = new Mitmdump(server, !options.keepserving()
                && (options.rfile() != null || replays(options)));
        if (running.endsWhenIdle) {
            Thread.ofVirtual().name("mitmdump-keepserving").start(running::closeWhenIdle);
        }
        return running;
    }

    private static boolean replays(Options options) {
        return !options.clientReplay().isEmpty() || !options.serverReplay().isEmpty();
    }

    /**
     * Starts the proxy, which reads the {@code -C} files (through {@link ClientPlayback}) before
     * it binds, so that a bad file stops mitmdump with nothing started; their requests then go
     * through the running proxy's addons. On failure the addons are ended (files closed).
     */
    private static void startOrClose(ProxyServer server) {
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** mitmproxy's keepserving addon: closes once replay is done and no flow is in progress. */
    private void closeWhenIdle() {
        FlowMaster master = server.master();
        try {
            while (closed.getCount() > 0) {
                Thread.sleep(IDLE_CHECK);
                if (master.clientReplayCount() == 0 && master.serverReplayCount() == 0
                        && master.flows().isEmpty()) {
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The CLI's own addons: the flow files and replay of mitm-replay, then the dumper.
     * {@link ClientPlayback} is always there, as in mitmproxy; it replays the {@code -C} files.
     */
    private static List<Addon> addons(Options options, Addon dumper) {
        List<Addon> addons = new ArrayList<>();
        addons.add(new ClientPlayback());
        if (!options.serverReplay().isEmpty()) {
            addons.add(new ServerPlayback());
        }
        if (options.saveStreamFile() != null) {
            addons.add(new SaveStream());
        }
        if (!options.hardump().isEmpty()) {
            addons.add(new HarDump());
        }
        addons.add(dumper);
        return addons;
    }

    /**
     * Loads or creates the CA in confdir before any port is bound, as mitmdump does at startup:
     * by the time a client (or a script waiting for the port) can connect, the CA files are
     * complete and can be installed. A CA that cannot be used stops mitmdump, naming the file,
     * with nothing bound.
     */
    private static void createCertificateAuthority(ProxyServer server) {
        try {
            server.certificateAuthority();
        } catch (CertificateAuthorityException e) {
            server.close();
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /**
     * Runs {@code -r}; {@return true when mitmdump is done after it}: no replay, and no server
     * ({@code -n}) or a file read without {@code --keepserving}. The server is then closed
     * without being started, which ends the addons (writes HAR, closes files).
     */
    private static boolean fileWorkEnds(Options options, List<Addon> addons, ProxyServer server) {
        boolean worked;
        try {
            worked = FlowFiles.run(options, addons);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (replays(options)) {
            return false;
        }
        if (!options.server() || (worked && !options.keepserving())) {
            server.close();
            return true;
        }
        return false;
    }

    private static Predicate<Flow> filter(@org.jspecify.annotations.Nullable String expression)
            throws UsageException {
        if (expression == null) {
            return flow -> true;
        }
        try {
            return FlowFilter.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid filter expression: " + e.getMessage());
        }
    }

    private static String describe(ProxyMode mode) {
        return switch (mode) {
            case ProxyMode.Regular r -> "HTTP(S) proxy";
            case ProxyMode.Socks5 s -> "SOCKS v5 proxy";
            case ProxyMode.Reverse r -> "Reverse proxy to " + r.scheme() + "://" + r.host() + ":"
                    + r.port();
            case ProxyMode.Upstream u -> "HTTP(S) proxy (upstream mode)";
            case ProxyMode.Transparent t -> "Transparent proxy";
        };
    }

    /** {@return the text of {@code --version}} */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Mitmdump.class.getResourceAsStream("mitm4j-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall back to "unknown"
        }
        return "mitm4j: " + p.getProperty("version", "unknown") + "\n"
                + "Java:   " + Runtime.version() + " (" + System.getProperty("java.vendor")
                + ")\n" + "Platform: " + System.getProperty("os.name") + "-"
                + System.getProperty("os.version") + "-" + System.getProperty("os.arch") + "\n";
    }

    /** {@return the bound addresses, one per mode} */
    public List<InetSocketAddress> addresses() {
        return server.addresses();
    }

    /** {@return the port of the first mode} */
    public int port() {
        return server.port();
    }

    /** {@return the flow master: flows in progress, replay counts, intercept} */
    public FlowMaster master() {
        return server.master();
    }

    /**
     * {@return whether this run ends by itself once replay and file work are done (they were
     * asked for, without {@code --keepserving})}
     */
    public boolean endsWhenIdle() {
        return endsWhenIdle;
    }

    /** Blocks until {@link #close()} ran. */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until {@link #close()} ran or {@code timeout} passed.
     *
     * @return whether it was closed
     */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the proxy gracefully and returns once it is closed (idempotent; a second call waits
     * for the first); what Ctrl-C, SIGTERM and the shutdown hook run.
     */
    @Override public void close() {
        server.close();
        closed.countDown();
    }
}
