package dev.mitm4j.testkit;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A running proxy as seen by a test: where it listens, the CA its certificates chain to, clients
 * configured for it, and the flows it recorded.
 *
 * <p>{@link #sslContext()} and {@link #trustManager()} trust the proxy's CA only (a client that
 * talks to anything else without the proxy must bring its own trust). {@link #httpClient()} is a
 * JDK client that sends every request through the proxy, HTTPS included (as a CONNECT tunnel).
 *
 * <p>Threads: safe for concurrent use. {@link #close()} stops the proxy and the shared client.
 */
public final class MitmProxy implements AutoCloseable {
    private final ProxyServer server;
    private final X509Certificate ca;
    private final RecordedFlows flows;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable HttpClient client;

    /**
     * Wraps an already started server.
     *
     * @param server a started proxy whose addons include {@code flows.addon()}
     * @param ca the CA certificate in the server's confdir
     * @param flows the ring the server records into
     */
    public MitmProxy(ProxyServer server, X509Certificate ca, RecordedFlows flows) {
        this.server = server;
        this.ca = ca;
        this.flows = flows;
    }

    /** {@return the server itself, for its {@code FlowMaster} and configuration} */
    public ProxyServer server() {
        return server;
    }

    /**
     * {@return every flow this proxy recorded, across tests}; a test method's
     * {@link RecordedFlows} parameter holds only its own (see {@link WithMitmProxy})
     */
    public RecordedFlows flows() {
        return flows;
    }

    /** {@return the first listener's address (127.0.0.1 and the ephemeral port by default)} */
    public InetSocketAddress address() {
        return server.addresses().get(0);
    }

    /** {@return the first listener's port} */
    public int port() {
        return address().getPort();
    }

    /** {@return {@code "host:port"}, as Selenium's {@code Proxy.setHttpProxy} and Playwright want} */
    public String hostPort() {
        InetSocketAddress a = address();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** {@return the CA certificate that the proxy's leaf certificates chain to} */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** {@return a new TLS context trusting the proxy's CA only} */
    public SSLContext sslContext() {
        return CaTrust.sslContext(ca);
    }

    /** {@return a trust manager trusting the proxy's CA only (for OkHttp, Apache HC5 ...)} */
    public X509TrustManager trustManager() {
        return CaTrust.trustManager(ca);
    }

    /** {@return a selector that sends every URI to this proxy, loopback included} */
    public ProxySelector proxySelector() {
        return ProxySelector.of(address());
    }

    /**
     * {@return a shared JDK client through the proxy, trusting its CA, not following redirects,
     * with a 10 s connect timeout}; closed with the proxy.
     */
    public HttpClient httpClient() {
        lock.lock();
        try {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .proxy(proxySelector())
                        .sslContext(sslContext())
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
            }
            return client;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the proxy and closes the shared client. */
    @Override
    public void close() {
        HttpClient c;
        lock.lock();
        try {
            c = client;
            client = null;
        } finally {
            lock.unlock();
        }
        try {
            if (c != null) {
                c.shutdownNow();
            }
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        try {
            return "MitmProxy[" + hostPort() + "]";
        } catch (IllegalStateException notRunning) {
            return "MitmProxy[stopped]";
        }
    }
}
