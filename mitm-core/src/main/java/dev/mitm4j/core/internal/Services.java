package dev.mitm4j.core.internal;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.internal.auth.BasicAuth;
import dev.mitm4j.core.internal.auth.ProxyAuthenticator;
import dev.mitm4j.core.internal.auth.ProxyAuthenticators;
import dev.mitm4j.http.Http1Limits;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one server shares, built once from the {@link ProxyConfig}: the addon
 * chain, compiled host rules, timeouts and limits, the registry of live flows, the server's
 * threads and the proxyauth check. The layers that use them are built above, in
 * {@code internal.server}.
 */
public final class Services {
    private final ProxyConfig config;
    private final AddonChain addons;
    private final HostRules hosts;
    private final FlowRegistry flows;
    private final Threads threads;
    private final @Nullable BasicAuth auth;
    private final Timeouts timeouts;
    private final ConnectionLimit connectionLimit;
    private final Http1Limits limits;
    private final dev.mitm4j.core.internal.tls.TlsSetup tls;
    private final OwnAddresses ownAddresses = new OwnAddresses();

    public Services(ProxyConfig config, FlowRegistry flows) {
        Options o = config.options();
        this.config = config;
        this.addons = new AddonChain(config.addons());
        this.hosts = new HostRules(o.ignoreHosts(), o.allowHosts(), o.tcpHosts());
        this.flows = flows;
        this.threads = new Threads(flows);
        ProxyAuthenticator authenticator = ProxyAuthenticators.fromSpec(o.proxyauth());
        this.auth = authenticator == null ? null : new BasicAuth(authenticator, false);
        this.timeouts = Timeouts.from(config);
        this.limits = o.http1Limits();
        this.connectionLimit = ConnectionLimit.of(o.connectionLimit());
        this.tls = new dev.mitm4j.core.internal.tls.TlsSetup(o);
    }

    public ProxyConfig config() {
        return config;
    }

    public Options options() {
        return config.options();
    }

    public AddonChain addons() {
        return addons;
    }

    public HostRules hosts() {
        return hosts;
    }

    public FlowRegistry flows() {
        return flows;
    }

    /** {@return the threads of this server: every thread it runs is started there} */
    public Threads threads() {
        return threads;
    }

    /** {@return the logger of connection events} */
    public org.slf4j.Logger log() {
        return Connection.LOG;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** {@return the cap on client connections open at once, shared by all listeners} */
    public ConnectionLimit connectionLimit() {
        return connectionLimit;
    }

    /** {@return what intercepted TLS connections share (CA, trust, key log)} */
    public dev.mitm4j.core.internal.tls.TlsSetup tls() {
        return tls;
    }

    /** {@return the addresses this server listens on (connecting there would loop)} */
    public OwnAddresses ownAddresses() {
        return ownAddresses;
    }

    /** {@return the HTTP/1 parser limits} */
    public Http1Limits limits() {
        return limits;
    }

    /**
     * {@return the proxyauth check for a connection accepted in {@code mode}, or null when
     * proxyauth is off}
     */
    public @Nullable BasicAuth auth(dev.mitm4j.core.ProxyMode mode) {
        if (auth == null || mode instanceof dev.mitm4j.core.ProxyMode.Socks5) {
            return null; // socks5: the SOCKS handshake authenticated the client (RFC 1929)
        }
        return mode instanceof dev.mitm4j.core.ProxyMode.Reverse
                ? new BasicAuth(auth.authenticator(), true) : auth;
    }

    /**
     * The timeouts of every connection.
     *
     * @param idle {@code tcp_timeout}: a connection with no traffic for this long is closed
     * @param header how long a client may take to send a request head once it started one
     * @param connect how long connecting upstream may take
     */
    public record Timeouts(Duration idle, Duration header, Duration connect) {
        static Timeouts from(ProxyConfig config) {
            return new Timeouts(Duration.ofSeconds(config.options().tcpTimeout()),
                    config.headerTimeout(), config.connectTimeout());
        }
    }
}
