package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.Options;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.ClientCertificates;
import dev.mitm4j.tls.KeyAlgorithm;
import dev.mitm4j.tls.UserCertificates;
import dev.mitm4j.tls.internal.engine.CipherSuites;
import dev.mitm4j.tls.internal.engine.KeyLog;
import dev.mitm4j.tls.internal.engine.TlsVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * What every intercepted TLS connection of one server shares, read once from the options: the CA
 * (loaded or created in {@code confdir} on first use, so that a server that never sees TLS never
 * touches the confdir), the upstream trust, the key log, the version ranges of both legs, user
 * and client certificates, and the hosts whose clients rejected our certificate.
 *
 * <p>Thread-safe; lazily made parts are built once under a lock (never a monitor).
 */
public final class TlsSetup {
    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> untrustedHosts = ConcurrentHashMap.newKeySet();
    private final TlsVersion clientMin;
    private final TlsVersion clientMax;
    private final TlsVersion serverMin;
    private final TlsVersion serverMax;
    private final @Nullable KeyLog keyLog;
    private final int @Nullable [] clientSuites;
    private final int @Nullable [] serverSuites;
    private final List<KeyAlgorithm> leafKeyAlgorithms;
    private volatile @Nullable CertificateAuthority ca;
    private volatile @Nullable UpstreamTrust trust;
    private volatile @Nullable UserCertificates userCerts;
    private volatile @Nullable ClientCertificates clientCerts;

    public TlsSetup(Options options) {
        this.options = options;
        this.clientMin = TlsVersion.fromOption(options.tlsVersionClientMin(), false);
        this.clientMax = TlsVersion.fromOption(options.tlsVersionClientMax(), true);
        this.serverMin = TlsVersion.fromOption(options.tlsVersionServerMin(), false);
        this.serverMax = TlsVersion.fromOption(options.tlsVersionServerMax(), true);
        String keyLogFile = options.sslKeylogFile();
        this.keyLog = keyLogFile != null ? KeyLog.toFile(Paths.expand(keyLogFile))
                : KeyLog.fromEnvironment();
        this.clientSuites = CipherSuites.parse(options.ciphersClient());
        this.serverSuites = CipherSuites.parse(options.ciphersServer());
        CipherSuites.requireUsable(clientMin, clientMax, clientSuites, "ciphers_client");
        CipherSuites.requireUsable(serverMin, serverMax, serverSuites, "ciphers_server");
        this.leafKeyAlgorithms = leafKeyAlgorithms(options.leafKeyType());
    }

    /** {@return the key algorithms of {@code leaf_key_type}, preferred first} */
    private static List<KeyAlgorithm> leafKeyAlgorithms(String leafKeyType) {
        return switch (leafKeyType) {
            case "ec" -> List.of(KeyAlgorithm.EC);
            case "rsa" -> List.of(KeyAlgorithm.RSA);
            default -> List.of(KeyAlgorithm.EC, KeyAlgorithm.RSA); // "auto"
        };
    }

    /** {@return the options} */
    public Options options() {
        return options;
    }

    /** {@return the CA of {@code confdir}, created there when missing} */
    public CertificateAuthority ca() {
        CertificateAuthority c = ca;
        if (c != null) {
            return c;
        }
        lock.lock();
        try {
            if (ca == null) {
                ca = CertificateAuthority.builder().confdir(confdir())
                        .keySize(options.keySize()).passphrase(options.certPassphrase()).build();
            }
            return ca;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the expanded {@code confdir}} */
    public Path confdir() {
        return Paths.expand(options.confdir());
    }

    /** {@return the upstream trust (JDK roots plus the configured CAs), or null for JDK roots only} */
    @Nullable X509TrustManager upstreamTrust() {
        UpstreamTrust t = trust;
        if (t == null) {
            lock.lock();
            try {
                if (trust == null) {
                    trust = UpstreamTrust.from(options);
                }
                t = trust;
            } finally {
                lock.unlock();
            }
        }
        return t.manager();
    }

    /** {@return the user certificates of {@code certs} (read on first use)} */
    UserCertificates userCertificates() {
        UserCertificates u = userCerts;
        if (u == null) {
            CertificateAuthority authority = options.certs().isEmpty() ? null : ca();
            lock.lock();
            try {
                if (userCerts == null) {
                    userCerts = options.certs().isEmpty() ? UserCertificates.none()
                            : UserCertificates.load(expanded(options.certs()),
                                    options.certPassphrase(), authority);
                }
                u = userCerts;
            } finally {
                lock.unlock();
            }
        }
        return u;
    }

    /** {@return the client certificate for {@code host} from {@code client_certs}, or null} */
    @Nullable CertifiedKey clientCertificate(String host) {
        String option = options.clientCerts();
        if (option == null) {
            return null;
        }
        ClientCertificates c = clientCerts;
        if (c == null) {
            c = ClientCertificates.of(Paths.expand(option), options.certPassphrase());
            clientCerts = c;
        }
        return c.forHost(host).orElse(null);
    }

    private static List<String> expanded(List<String> specs) {
        return specs.stream().map(spec -> {
            int eq = spec.indexOf('=');
            return eq < 0 ? Paths.expand(spec).toString()
                    : spec.substring(0, eq + 1) + Paths.expand(spec.substring(eq + 1));
        }).toList();
    }

    /**
     * {@return the key algorithms of the CA's leaves ({@code leaf_key_type}), preferred first:
     * each client gets the first it accepts}
     */
    List<KeyAlgorithm> leafKeyAlgorithms() {
        return leafKeyAlgorithms;
    }

    /** {@return the suites of {@code ciphers_client} (toward clients), or null: the defaults} */
    int @Nullable [] clientSuites() {
        return clientSuites;
    }

    /** {@return the suites of {@code ciphers_server} (toward servers), or null: the defaults} */
    int @Nullable [] serverSuites() {
        return serverSuites;
    }

    @Nullable KeyLog keyLog() {
        return keyLog;
    }

    TlsVersion clientMin() {
        return clientMin;
    }

    TlsVersion clientMax() {
        return clientMax;
    }

    TlsVersion serverMin() {
        return serverMin;
    }

    TlsVersion serverMax() {
        return serverMax;
    }

    /** Remembers that a client rejected our certificate for {@code host}. */
    void untrusted(String host) {
        untrustedHosts.add(host.toLowerCase(Locale.ROOT));
    }

    /** {@return whether to pass {@code host} through because a client rejected it before} */
    boolean passThroughUntrusted(String host) {
        return options.tlsPassthroughUntrusted()
                && untrustedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
