package dev.mitm4j.http;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The connection between the client and the proxy, as mitmproxy's {@code Client}: besides the
 * {@link Connection} facts, the certificate the proxy presented ({@link #mitmcert()}) and the
 * proxy mode that accepted it. {@link #peername()} is the client's address. Not thread-safe.
 */
public final class ClientConnection extends Connection {
    private @Nullable X509Certificate mitmcert;
    private String proxyMode = "regular";

    /** Creates a client connection with no addresses, started now, in "regular" mode. */
    public ClientConnection() {
        timestampStart(Instant.now());
    }

    /** Creates a client connection between {@code peername} and {@code sockname}, started now. */
    public ClientConnection(@Nullable InetSocketAddress peername,
            @Nullable InetSocketAddress sockname) {
        this();
        peername(peername);
        sockname(sockname);
    }

    /** {@return the certificate the proxy presented to the client, or null without TLS} */
    public @Nullable X509Certificate mitmcert() {
        return mitmcert;
    }

    /** Sets the certificate presented to the client. */
    public void mitmcert(@Nullable X509Certificate mitmcert) {
        this.mitmcert = mitmcert;
    }

    /** {@return the spec of the proxy mode that accepted this client, e.g. "regular"} */
    public String proxyMode() {
        return proxyMode;
    }

    /** Sets the proxy mode spec, in mitmproxy's syntax ("reverse:https://example.com/"). */
    public void proxyMode(String proxyMode) {
        this.proxyMode = Objects.requireNonNull(proxyMode, "proxyMode");
    }

    /** {@return a copy with the same id and fields} */
    public ClientConnection copy() {
        ClientConnection c = new ClientConnection();
        c.copyFrom(this);
        c.id(id());
        c.mitmcert = mitmcert;
        c.proxyMode = proxyMode;
        return c;
    }

    @Override
    public String toString() {
        return "Client(" + peername() + ", state=" + state() + (tls() ? ", tls" : "") + ")";
    }
}
