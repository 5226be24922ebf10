package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.CertificateAuthorityException;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CA's files in a confdir, named and laid out as mitmproxy's {@code CertStore.create_store}
 * does, so that a CA already trusted for mitmproxy keeps working here and back:
 * <ul>
 *   <li>{@code mitmproxy-ca.pem}: private key (traditional PEM) and certificate; owner-only;
 *   <li>{@code mitmproxy-ca.p12}: key and certificate, PKCS#12, empty password; owner-only;
 *   <li>{@code mitmproxy-ca-cert.pem} and {@code mitmproxy-ca-cert.cer}: the certificate (PEM);
 *   <li>{@code mitmproxy-ca-cert.p12}: the certificate alone, PKCS#12, empty password.
 * </ul>
 * The store is created only when {@code mitmproxy-ca.pem} is missing, and that file is written
 * last, so an interrupted creation is simply redone. Thread-safe: creation is serialized within
 * the JVM.
 */
public final class CaStore {
    /** mitmproxy's basename for the CA files and the CA's CN and O. */
    public static final String BASENAME = "mitmproxy";

    private static final java.util.concurrent.locks.ReentrantLock CREATE_LOCK =
            new java.util.concurrent.locks.ReentrantLock();

    private CaStore() {}

    /** The CA as loaded: key, certificate chain (the CA first) and the file it came from. */
    public record Loaded(PrivateKey key, List<X509Certificate> chain, Path file) {}

    /** {@return the path of the key-and-certificate file in {@code confdir}} */
    public static Path caFile(Path confdir) {
        return confdir.resolve(BASENAME + "-ca.pem");
    }

    /**
     * {@return the CA of {@code confdir}, made and written first when it has none}
     *
     * @throws CertificateAuthorityException naming the file when it cannot be read, holds no key
     *     or certificate, has a key that does not match, or when the CA has expired
     */
    public static Loaded loadOrCreate(Path confdir, KeyAlgorithm algorithm, int keySize,
            char @Nullable [] passphrase, Instant now) {
        Path file = caFile(confdir);
        CREATE_LOCK.lock(); // two proxies of one JVM starting at once make one CA, not two
        try {
            if (!Files.exists(file)) {
                create(confdir, algorithm, keySize, now);
            }
        } finally {
            CREATE_LOCK.unlock();
        }
        return load(file, passphrase, now);
    }

    /** {@return the CA read from {@code file} (key and certificate PEM), checked} */
    public static Loaded load(Path file, char @Nullable [] passphrase, Instant now) {
        Pem.Contents contents;
        try {
            contents = Pem.read(file, passphrase);
        } catch (IOException | RuntimeException e) {
            throw new CertificateAuthorityException(file,
                    "cannot read the CA: " + e.getMessage(), e);
        }
        if (contents.key() == null) {
            throw new CertificateAuthorityException(file, "no private key in the CA file");
        }
        if (contents.certificates().isEmpty()) {
            throw new CertificateAuthorityException(file, "no certificate in the CA file");
        }
        X509Certificate ca = contents.certificates().getFirst();
        checkValid(file, ca, now);
        checkKeyMatches(file, contents.key(), ca);
        return new Loaded(contents.key(), contents.certificates(), file);
    }

    private static void checkValid(Path file, X509Certificate ca, Instant now) {
        try {
            ca.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new CertificateAuthorityException(file, "the CA certificate expired on "
                    + ca.getNotAfter().toInstant() + "; move the " + BASENAME
                    + "-ca* files away to have a new CA made"
                    + " (clients must then trust the new one)");
        } catch (CertificateNotYetValidException e) {
            throw new CertificateAuthorityException(file, "the CA certificate is not valid before "
                    + ca.getNotBefore().toInstant() + " (is the clock right?)");
        }
    }

    private static void checkKeyMatches(Path file, PrivateKey key, X509Certificate ca) {
        if (!keyMatches(key, ca)) {
            throw new CertificateAuthorityException(file,
                    "the private key does not belong to the CA certificate");
        }
    }

    /** {@return true when {@code key} signs what {@code cert}'s public key verifies} */
    static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        try {
            byte[] probe = "mitm4j key check".getBytes(StandardCharsets.US_ASCII);
            String alg = CertificateFactory.signatureAlgorithm(key);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void create(Path confdir, KeyAlgorithm algorithm, int keySize, Instant now) {
        try {
            Files.createDirectories(confdir);
            KeyPair keys = CertificateFactory.generateKeyPair(algorithm, keySize);
            X509Certificate ca = CertificateFactory.createCa(keys, BASENAME, BASENAME, now);
            byte[] certPem = Pem.encode(ca).getBytes(StandardCharsets.US_ASCII);
            AtomicFiles.write(confdir.resolve(BASENAME + "-ca-cert.pem"), certPem, false);
            AtomicFiles.write(confdir.resolve(BASENAME + "-ca-cert.cer"), certPem, false);
            AtomicFiles.write(confdir.resolve(BASENAME + "-ca-cert.p12"), pkcs12(null, ca), false);
            AtomicFiles.write(confdir.resolve(BASENAME + "-ca.p12"),
                    pkcs12(keys.getPrivate(), ca), true);
            byte[] both = Pem.encode(keys.getPrivate(), ca).getBytes(StandardCharsets.US_ASCII);
            AtomicFiles.write(caFile(confdir), both, true);
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateAuthorityException(confdir,
                    "cannot create the CA in this directory: " + e, e);
        }
    }

    private static byte[] pkcs12(@Nullable PrivateKey key, X509Certificate ca)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (key == null) {
            ks.setCertificateEntry(BASENAME, ca);
        } else {
            ks.setKeyEntry(BASENAME, key, new char[0], new X509Certificate[] {ca});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, new char[0]);
        return out.toByteArray();
    }
}
