package dev.mitm4j.testkit.internal;

import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Points the JVM's default proxy settings and TLS trust at a proxy, and puts back what was there
 * on {@link #close()}.
 *
 * <p>Installs nest: a test's own installation inside its class's is undone first. Two that do not
 * nest (tests running in parallel) would each restore the other's settings, so the second is
 * refused, naming both and the lock that serialises them. JUnit before 5.12 has no way for the
 * annotation to take that lock itself, and the testkit supports 5.10.
 */
public final class JvmWideProxy implements AutoCloseable {
    /** The system properties this class sets (and restores). */
    public static final List<String> PROPERTIES = List.of("http.proxyHost", "http.proxyPort",
            "https.proxyHost", "https.proxyPort", "http.nonProxyHosts");

    private static final ReentrantLock OWNERS_LOCK = new ReentrantLock();
    /** The unique ids of the tests whose installation is in force, outermost first. */
    private static final List<String> OWNERS = new ArrayList<>();

    private final String owner;
    private final Map<String, String> previous = new HashMap<>();
    private final SSLContext previousContext;
    private final SSLSocketFactory previousFactory;

    private JvmWideProxy(String owner, InetSocketAddress proxy, SSLContext trusting) {
        this.owner = owner;
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

    /**
     * {@return the JVM pointed at {@code proxy}, trusting {@code trusting}'s certificates}
     *
     * @param owner the JUnit unique id of the class or method that asks
     * @throws IllegalStateException when an installation is in force that is not {@code owner}'s
     *     ancestor's (a test running in parallel)
     */
    public static JvmWideProxy install(String owner, InetSocketAddress proxy,
            SSLContext trusting) {
        OWNERS_LOCK.lock();
        try {
            for (String other : OWNERS) {
                if (!owner.startsWith(other + "/")) {
                    throw new IllegalStateException("@WithMitmProxy(jvmWide = true) of " + owner
                            + " overlaps with that of " + other + ", which runs in parallel"
                            + " and points the JVM at another proxy; give both"
                            + " @ResourceLock(Resources.SYSTEM_PROPERTIES) so that JUnit runs"
                            + " them one after the other");
                }
            }
            JvmWideProxy installed = new JvmWideProxy(owner, proxy, trusting);
            OWNERS.add(owner);
            return installed;
        } finally {
            OWNERS_LOCK.unlock();
        }
    }

    /** Restores the properties (unset ones are cleared again), the SSLContext and factory. */
    @Override
    public void close() {
        OWNERS_LOCK.lock();
        try {
            restore();
            OWNERS.remove(owner);
        } finally {
            OWNERS_LOCK.unlock();
        }
    }

    private void restore() {
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
