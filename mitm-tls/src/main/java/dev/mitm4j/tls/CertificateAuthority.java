package dev.mitm4j.tls;

import dev.mitm4j.tls.internal.CaStore;
import dev.mitm4j.tls.internal.CertificateFactory;
import dev.mitm4j.tls.internal.LeafCache;
import dev.mitm4j.tls.internal.LeafKeys;
import dev.mitm4j.tls.internal.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The certificate authority that signs the certificates the proxy shows to its clients.
 *
 * <h2>How a CA and a leaf fit together</h2>
 * A TLS client accepts a server when the server's certificate (the <em>leaf</em>) names the host
 * the client asked for and is signed by an authority the client trusts. A man in the middle cannot
 * show the real server's certificate (it lacks that server's private key), so it makes its own
 * leaf for each host, on the fly, and signs it with this CA. Clients that trust this CA (see
 * {@link #trustManager()}, {@link #sslContext()}, {@link #certificatePem()}, or the
 * {@code mitmproxy-ca-cert.*} files) then accept every leaf it makes; clients that do not will
 * refuse the connection, which is the point of TLS.
 *
 * <pre>{@code
 *   CA  (CN=mitmproxy, O=mitmproxy; self-signed; 10 years)     <- the client trusts this
 *    └─ leaf (CN=example.com, SAN example.com; 199 days)      <- shown for https://example.com
 * }</pre>
 *
 * <h2>Files</h2>
 * The CA lives in a confdir (default {@code ~/.mitmproxy}) in mitmproxy's files, so the same CA
 * works with mitmproxy and mitm4j: {@code mitmproxy-ca.pem} (key and certificate),
 * {@code mitmproxy-ca.p12}, {@code mitmproxy-ca-cert.pem}, {@code mitmproxy-ca-cert.cer},
 * {@code mitmproxy-ca-cert.p12}. They are made on first use when {@code mitmproxy-ca.pem} is
 * missing, each written atomically, the two with the private key owner-only. Defaults: RSA 2048
 * (option {@code key_size}), subject {@code CN=mitmproxy, O=mitmproxy}, valid from two days ago for
 * 3650 days, BasicConstraints CA and KeyUsage keyCertSign/cRLSign (both critical), EKU serverAuth,
 * a subject key identifier.
 *
 * <h2>Leaves</h2>
 * {@link #leaf(CertificateSpec, KeyAlgorithm)} makes a leaf as mitmproxy does: names from the
 * spec (DNS SANs, IP SANs for IP literals), O if given, valid from two days ago for 199 days, EKU
 * serverAuth, the CA's key identifier as AKI, no SKI. All leaves of one key algorithm share
 * <em>one</em> key pair (made once, on the first leaf of that algorithm), so a new host costs one
 * signature by the CA. Leaves are kept in an LRU cache (1000 by default), keyed by the spec and
 * the key algorithm.
 *
 * <h2>EC leaves where the client accepts them, RSA for the others</h2>
 * The CA key signs a leaf once per host (then the leaf is cached), but the <em>leaf</em> key
 * signs in <em>every</em> TLS handshake with a client (TLS 1.3 CertificateVerify, TLS 1.2
 * ServerKeyExchange). So the leaf key's algorithm sets the cost of each intercepted connection:
 * an ECDSA P-256 signature costs a fraction of an RSA-2048 one on the JDK (about 0.7 ms against
 * 2.6 ms on the benchmark machine; ECDSA over SHA-256 is what TLS calls
 * {@code ecdsa_secp256r1_sha256}). Every current browser, curl and JDK accepts ECDSA, but some
 * clients offer only RSA suites (TLS 1.2 {@code ECDHE-RSA-*}). The proxy therefore asks for the
 * leaf of the algorithm each client accepts: EC P-256 when it can, RSA of {@link Builder#keySize
 * keySize} bits (mitmproxy's leaf key type and size) otherwise. Either leaf is signed by the CA
 * with the CA's own algorithm, so an RSA CA signs EC leaves and the CA files stay mitmproxy's.
 * {@link #leaf(CertificateSpec)} makes leaves of {@link Builder#leafKeyAlgorithm}, EC by default.
 *
 * <p>Thread-safe: any number of connections may ask for leaves at once; nothing here holds a
 * monitor, so virtual threads never pin. Loading or creating the CA happens in {@link
 * Builder#build()} on the calling thread.
 *
 * <p>The factories ({@link #load} and {@link Builder#build()}) throw
 * {@link CertificateAuthorityException}, naming the file, when the CA is unreadable, malformed,
 * mismatched or expired, or cannot be written.
 */
public final class CertificateAuthority {
    private final Path confdir;
    private final Path file;
    private final PrivateKey caKey;
    private final List<X509Certificate> chain;
    private final KeyAlgorithm leafAlgorithm;
    private final Clock clock;
    private final LeafCache cache;
    private final LeafKeys leafKeys;

    private CertificateAuthority(Builder b, CaStore.Loaded loaded) {
        this.confdir = b.confdir;
        this.file = loaded.file();
        this.caKey = loaded.key();
        this.chain = loaded.chain();
        this.leafAlgorithm = b.leafAlgorithm;
        this.clock = b.clock;
        this.cache = new LeafCache(b.cacheSize);
        this.leafKeys = new LeafKeys(b.keySize);
    }

    /**
     * {@return the CA of {@code confdir} with default settings, created when missing}
     *
     * @throws CertificateAuthorityException naming the file when it cannot be used
     */
    public static CertificateAuthority load(Path confdir) {
        return builder().confdir(confdir).build();
    }

    /** {@return {@code ~/.mitmproxy}, mitmproxy's default confdir} */
    public static Path defaultConfdir() {
        return Path.of(System.getProperty("user.home"), ".mitmproxy");
    }

    /**
     * {@return a builder with the defaults: ~/.mitmproxy, an RSA 2048 CA, an EC P-256 leaf key, a
     * cache of 1000 leaves}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the CA certificate} */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** {@return the CA certificate and any further certificates its PEM file held} */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@return the CA's private key (it signs every leaf)} */
    public PrivateKey privateKey() {
        return caKey;
    }

    /** {@return the confdir} */
    public Path confdir() {
        return confdir;
    }

    /** {@return the file the CA was read from ({@code mitmproxy-ca.pem} in the confdir)} */
    public Path file() {
        return file;
    }

    /** {@return the CA certificate in PEM, for clients to install} */
    public String certificatePem() {
        return Pem.encode(certificate());
    }

    /**
     * {@return the leaf for {@code spec} with the key of {@link Builder#leafKeyAlgorithm} (EC by
     * default), from the cache or freshly signed; its chain is the leaf, then the CA (and any
     * chain the CA file held)}
     */
    public CertifiedKey leaf(CertificateSpec spec) {
        return leaf(spec, leafAlgorithm);
    }

    /**
     * {@return the leaf for {@code spec} with the shared key of {@code keyAlgorithm}, from the
     * cache or freshly signed; its chain is the leaf, then the CA (and any chain the CA file
     * held)} The first leaf of an algorithm also makes that algorithm's shared key (an RSA key
     * of {@link Builder#keySize} bits can take a second or more); later ones cost a signature.
     */
    public CertifiedKey leaf(CertificateSpec spec, KeyAlgorithm keyAlgorithm) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        return cache.get(spec, keyAlgorithm, this::makeLeaf);
    }

    /** {@return the key algorithm of {@link #leaf(CertificateSpec)}} */
    public KeyAlgorithm leafKeyAlgorithm() {
        return leafAlgorithm;
    }

    /** {@return how many leaves are in the cache} */
    public int cachedLeaves() {
        return cache.size();
    }

    /** {@return a trust manager that trusts this CA only} */
    public X509TrustManager trustManager() {
        return CaTrust.trustManager(certificate());
    }

    /** {@return a client SSLContext (TLS) that trusts this CA only} */
    public SSLContext sslContext() {
        return CaTrust.sslContext(certificate());
    }

    /** {@return an in-memory PKCS#12 trust store holding this CA as a trusted certificate} */
    public KeyStore trustStore() {
        return CaTrust.trustStore(certificate());
    }

    private CertifiedKey makeLeaf(CertificateSpec spec, KeyAlgorithm keyAlgorithm) {
        KeyPair keys = leafKeys.get(keyAlgorithm);
        X509Certificate leaf = CertificateFactory.createLeaf(
                spec, keys.getPublic(), certificate(), caKey, clock.instant());
        List<X509Certificate> leafChain = new ArrayList<>(chain.size() + 1);
        leafChain.add(leaf);
        leafChain.addAll(chain);
        return new CertifiedKey(keys.getPrivate(), leafChain);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate().getSubjectX500Principal() + ", " + file
                + "]";
    }

    /**
     * Configures where the CA lives and how a new one is made. Each of the setter methods modifies
     * the state of the builder and returns the same instance. Builders are not thread-safe and
     * should not be used concurrently from multiple threads without external synchronization.
     */
    public static final class Builder {
        private Path confdir = defaultConfdir();
        private KeyAlgorithm algorithm = KeyAlgorithm.RSA;
        private KeyAlgorithm leafAlgorithm = KeyAlgorithm.EC;
        private int keySize = 2048;
        private char @Nullable [] passphrase;
        private int cacheSize = 1000;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The directory of the CA files (option {@code confdir}; default ~/.mitmproxy). */
        public Builder confdir(Path confdir) {
            this.confdir = Objects.requireNonNull(confdir, "confdir");
            return this;
        }

        /** The algorithm of a CA made here (an existing CA keeps its own); default RSA. */
        public Builder keyAlgorithm(KeyAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * The key algorithm of {@link #leaf(CertificateSpec)}'s leaves; default
         * {@link KeyAlgorithm#EC EC} (P-256), because that key signs in every handshake and
         * ECDSA P-256 signs several times faster than RSA-2048 (see the class documentation).
         * {@link KeyAlgorithm#RSA RSA} gives mitmproxy's behaviour: an RSA leaf key of
         * {@link #keySize keySize} bits. Independent of the CA's algorithm: either CA signs
         * either leaf. {@link #leaf(CertificateSpec, KeyAlgorithm)} names the algorithm itself.
         */
        public Builder leafKeyAlgorithm(KeyAlgorithm algorithm) {
            this.leafAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** RSA key size of a CA made here and of an RSA leaf key (option {@code key_size}). */
        public Builder keySize(int bits) {
            if (bits < 1024 || bits > 16384) {
                throw new IllegalArgumentException("key_size out of range 1024..16384: " + bits);
            }
            this.keySize = bits;
            return this;
        }

        /** Passphrase of an encrypted CA key (option {@code cert_passphrase}); null for none. */
        public Builder passphrase(@Nullable String passphrase) {
            this.passphrase = passphrase == null ? null : passphrase.toCharArray();
            return this;
        }

        /** How many generated leaves to keep (least recently used go first); default 1000. */
        public Builder cacheSize(int leaves) {
            if (leaves < 1) {
                throw new IllegalArgumentException("cacheSize < 1: " + leaves);
            }
            this.cacheSize = leaves;
            return this;
        }

        /** The clock for validity periods and the expiry check (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the CA, read from the confdir or made there first}
         *
         * @throws CertificateAuthorityException naming the file when it cannot be used
         */
        public CertificateAuthority build() {
            CaStore.Loaded loaded = CaStore.loadOrCreate(
                    confdir, algorithm, keySize, passphrase, clock.instant());
            return new CertificateAuthority(this, loaded);
        }
    }
}
