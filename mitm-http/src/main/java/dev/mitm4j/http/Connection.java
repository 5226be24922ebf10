package dev.mitm4j.http;

import dev.mitm4j.http.internal.Ids;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What mitmproxy records about one side of a proxied connection: addresses, state, TLS facts and
 * timestamps. {@link ClientConnection} is the side towards the client, {@link ServerConnection}
 * the side towards the upstream server.
 *
 * <p>The proxy's connection thread fills these fields in as the connection progresses; addons
 * read them (and may change them before the proxy acts on them, e.g. the server address in
 * {@code serverConnect}). Not thread-safe; two connections are equal only when they are the same
 * object. Lists returned are unmodifiable copies; setters copy too.
 */
public abstract sealed class Connection permits ClientConnection, ServerConnection {
    private String id = Ids.randomUuid();
    private @Nullable InetSocketAddress peername;
    private @Nullable InetSocketAddress sockname;
    private ConnectionState state = ConnectionState.CLOSED;
    private String transportProtocol = "tcp";
    private @Nullable String error;
    private boolean tls;
    private List<X509Certificate> certificateList = List.of();
    private @Nullable String alpn;
    private List<String> alpnOffers = List.of();
    private @Nullable String cipher;
    private List<String> cipherList = List.of();
    private @Nullable String tlsVersion;
    private @Nullable String sni;
    private @Nullable Instant timestampStart;
    private @Nullable Instant timestampEnd;
    private @Nullable Instant timestampTlsSetup;

    Connection() {}

    /** {@return a unique id (a random UUID unless set, e.g. when loaded from a file)} */
    public String id() {
        return id;
    }

    /** Sets the id. */
    public void id(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** {@return the remote address of this socket, or null before connecting} */
    public @Nullable InetSocketAddress peername() {
        return peername;
    }

    /** Sets the remote address. */
    public void peername(@Nullable InetSocketAddress peername) {
        this.peername = peername;
    }

    /** {@return the local address of this socket, or null before connecting} */
    public @Nullable InetSocketAddress sockname() {
        return sockname;
    }

    /** Sets the local address. */
    public void sockname(@Nullable InetSocketAddress sockname) {
        this.sockname = sockname;
    }

    /** {@return which directions are open; not part of saved flows} */
    public ConnectionState state() {
        return state;
    }

    /** Sets the state. */
    public void state(ConnectionState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** {@return whether both directions are open} */
    public boolean connected() {
        return state == ConnectionState.OPEN;
    }

    /** {@return "tcp" or "udp"} */
    public String transportProtocol() {
        return transportProtocol;
    }

    /** Sets the transport protocol, "tcp" or "udp". */
    public void transportProtocol(String transportProtocol) {
        this.transportProtocol = Objects.requireNonNull(transportProtocol, "transportProtocol");
    }

    /** {@return why the connection failed or closed abnormally, or null} */
    public @Nullable String error() {
        return error;
    }

    /** Sets the error message. */
    public void error(@Nullable String error) {
        this.error = error;
    }

    /** {@return whether this side uses TLS (set as soon as a handshake is attempted)} */
    public boolean tls() {
        return tls;
    }

    /** Sets whether this side uses TLS. */
    public void tls(boolean tls) {
        this.tls = tls;
    }

    /** {@return whether TLS is in use and its handshake completed} */
    public boolean tlsEstablished() {
        return timestampTlsSetup != null;
    }

    /**
     * {@return the certificate chain the peer presented, leaf first (for the client side: the
     * client certificate, usually empty)}
     */
    public List<X509Certificate> certificateList() {
        return certificateList;
    }

    /** Sets the certificate chain, leaf first. */
    public void certificateList(List<X509Certificate> certificateList) {
        this.certificateList = List.copyOf(certificateList);
    }

    /** {@return the negotiated ALPN protocol (e.g. "h2"), or null} */
    public @Nullable String alpn() {
        return alpn;
    }

    /** Sets the negotiated ALPN protocol. */
    public void alpn(@Nullable String alpn) {
        this.alpn = alpn;
    }

    /** {@return the ALPN protocols offered in the ClientHello, in order} */
    public List<String> alpnOffers() {
        return alpnOffers;
    }

    /** Sets the offered ALPN protocols. */
    public void alpnOffers(List<String> alpnOffers) {
        this.alpnOffers = List.copyOf(alpnOffers);
    }

    /** {@return the negotiated cipher suite name, or null} */
    public @Nullable String cipher() {
        return cipher;
    }

    /** Sets the negotiated cipher suite. */
    public void cipher(@Nullable String cipher) {
        this.cipher = cipher;
    }

    /** {@return the cipher suites offered, in order} */
    public List<String> cipherList() {
        return cipherList;
    }

    /** Sets the offered cipher suites. */
    public void cipherList(List<String> cipherList) {
        this.cipherList = List.copyOf(cipherList);
    }

    /** {@return the negotiated protocol, e.g. "TLSv1.3" (mitmproxy's names), or null} */
    public @Nullable String tlsVersion() {
        return tlsVersion;
    }

    /** Sets the negotiated TLS version. */
    public void tlsVersion(@Nullable String tlsVersion) {
        this.tlsVersion = tlsVersion;
    }

    /** {@return the server name indicated in the ClientHello, or null} */
    public @Nullable String sni() {
        return sni;
    }

    /** Sets the SNI. */
    public void sni(@Nullable String sni) {
        this.sni = sni;
    }

    /** {@return when the connection was accepted (client) or connecting began (server)} */
    public @Nullable Instant timestampStart() {
        return timestampStart;
    }

    /** Sets the start timestamp. */
    public void timestampStart(@Nullable Instant timestampStart) {
        this.timestampStart = timestampStart;
    }

    /** {@return when the connection closed, or null while open} */
    public @Nullable Instant timestampEnd() {
        return timestampEnd;
    }

    /** Sets the end timestamp. */
    public void timestampEnd(@Nullable Instant timestampEnd) {
        this.timestampEnd = timestampEnd;
    }

    /** {@return when the TLS handshake completed, or null} */
    public @Nullable Instant timestampTlsSetup() {
        return timestampTlsSetup;
    }

    /** Sets when the TLS handshake completed. */
    public void timestampTlsSetup(@Nullable Instant timestampTlsSetup) {
        this.timestampTlsSetup = timestampTlsSetup;
    }

    /** Copies every field of {@code from} except the id. */
    final void copyFrom(Connection from) {
        peername = from.peername;
        sockname = from.sockname;
        state = from.state;
        transportProtocol = from.transportProtocol;
        error = from.error;
        tls = from.tls;
        certificateList = from.certificateList;
        alpn = from.alpn;
        alpnOffers = from.alpnOffers;
        cipher = from.cipher;
        cipherList = from.cipherList;
        tlsVersion = from.tlsVersion;
        sni = from.sni;
        timestampStart = from.timestampStart;
        timestampEnd = from.timestampEnd;
        timestampTlsSetup = from.timestampTlsSetup;
    }
}
