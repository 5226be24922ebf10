package dev.mitm4j.testkit.internal;

import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Points the JVM's default proxy settings and TLS trust at a proxy, and puts back what was there
 * on {@link #close()}. Not thread-safe; callers serialise through JUnit's SYSTEM_PROPERTIES lock.
 */
public final class JvmWideProxy implements AutoCloseable {
    /** The system properties this class sets (and restores). */
    public static final List<String> PROPERTIES = List.of("http.proxyHost", "http.proxyPort",
            "https.proxyHost", "https.proxyPort", "http.nonProxyHosts");

    private final Map<String, String> previous = new HashMap<>();
    private final SSLContext previousContext;
    private final SSLSocketFactory previousFactory;

    private JvmWideProxy(InetSocketAddress proxy, SSLContext trusting) {
        for (String name : PROPERTIES) {
            String old = System.getProperty(name);
            if (old != null) {
                previous.put(name, old);
            }
        }
        try {
            previousContext = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        String host = proxy.getAddress().getHostAddress();
        String port = Integer.toString(proxy.getPort());
        System.setProperty("http.proxyHost", host);
        System.setProperty("http.proxyPort", port);
        System.setProperty("https.proxyHost", host);
        System.setProperty("https.proxyPort", port);
        System.setProperty("http.nonProxyHosts", "");
        SSLContext.setDefault(trusting);
        HttpsURLConnection.setDefaultSSLSocketFactory(trusting.getSocketFactory());
    }

    /** {@return the JVM pointed at {@code proxy}, trusting {@code trusting}'s certificates} */
    public static JvmWideProxy install(InetSocketAddress proxy, SSLContext trusting) {
        return new JvmWideProxy(proxy, trusting);
    }

    /** Restores the properties (unset ones are cleared again), the SSLContext and factory. */
    @Override
    public void close() {
        for (String name : PROPERTIES) {
            String old = previous.get(name);
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
        SSLContext.setDefault(previousContext);
        HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
    }
}
