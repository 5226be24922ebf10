package dev.mitm4j.tls.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/**
 * PEM reading and writing. Keys are written in OpenSSL's traditional form ({@code BEGIN RSA
 * PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}), as mitmproxy writes them; reading accepts the
 * traditional, PKCS#8 and encrypted forms (the latter with a passphrase). Thread-safe.
 */
public final class Pem {
    private Pem() {}

    /** What one PEM file held: the first private key (if any) and every certificate, in order. */
    public record Contents(@Nullable PrivateKey key, List<X509Certificate> certificates) {}

    /** {@return the PEM text of {@code objects} (keys, certificates) in order} */
    public static String encode(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o instanceof PrivateKey k ? withCurveParameters(k) : o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * The JDK encodes an EC key's curve only in its PKCS#8 wrapper, so the traditional form would
     * lose it; BouncyCastle's encoding keeps the curve (and the public point) inside, as OpenSSL
     * and mitmproxy write it.
     */
    private static PrivateKey withCurveParameters(PrivateKey key) {
        if (!key.getAlgorithm().equals("EC")) {
            return key;
        }
        try {
            return java.security.KeyFactory.getInstance("EC", Providers.bouncyCastle())
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot re-encode an EC key: " + e, e);
        }
    }

    /** {@return the contents of a PEM file} */
    public static Contents read(Path file, char @Nullable [] passphrase) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), passphrase);
    }

    /** {@return the contents of PEM text} */
    public static Contents parse(String text, char @Nullable [] passphrase) throws IOException {
        PrivateKey key = null;
        List<X509Certificate> certs = new ArrayList<>();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(converter.getCertificate(holder));
                } else if (key == null) {
                    key = toKey(o, keys, passphrase);
                }
            }
        } catch (CertificateException e) {
            throw new IOException("malformed certificate: " + e.getMessage(), e);
        }
        return new Contents(key, List.copyOf(certs));
    }

    private static @Nullable PrivateKey toKey(Object o, JcaPEMKeyConverter keys,
            char @Nullable [] passphrase) throws IOException {
        if (o instanceof PEMKeyPair pair) {
            return keys.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
            return keys.getPrivateKey(info);
        }
        if (o instanceof PEMEncryptedKeyPair enc) {
            PEMKeyPair pair = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                    .setProvider(Providers.bouncyCastle()).build(need(passphrase)));
            return keys.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
            try {
                InputDecryptorProvider d =
                        new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Providers.bouncyCastle()).build(need(passphrase));
                return keys.getPrivateKey(enc.decryptPrivateKeyInfo(d));
            } catch (OperatorCreationException | PKCSException e) {
                throw new IOException("cannot decrypt the private key (wrong passphrase?)", e);
            }
        }
        return null; // parameters, CRLs and the like: not ours
    }

    private static char[] need(char @Nullable [] passphrase) throws IOException {
        if (passphrase == null) {
            throw new IOException("the private key is encrypted and no passphrase was given"
                    + " (option cert_passphrase)");
        }
        return passphrase;
    }
}
