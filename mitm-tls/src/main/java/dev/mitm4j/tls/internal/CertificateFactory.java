package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes key pairs, the CA certificate and leaf certificates with mitmproxy's subject, validity
 * and extensions (see {@code certs.py}: {@code create_ca} and {@code dummy_cert}).
 *
 * <p>Signing and key generation use the JDK's own providers (fast, intrinsified big-integer
 * arithmetic); BouncyCastle only assembles the ASN.1. Stateless and thread-safe.
 */
public final class CertificateFactory {
    /** mitmproxy's CERT_VALIDITY_OFFSET: certificates start two days in the past (clock skew). */
    public static final Duration VALIDITY_OFFSET = Duration.ofDays(2);
    /** mitmproxy's CA_EXPIRY. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** mitmproxy's CERT_EXPIRY (199 days since mitmproxy 12.2.2: below the 200-day browser cap). */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(199);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateFactory() {}

    /** {@return a fresh key pair: RSA of {@code rsaBits} (e = 65537) or EC P-256} */
    public static KeyPair generateKeyPair(KeyAlgorithm algorithm, int rsaBits) {
        try {
            KeyPairGenerator gen;
            if (algorithm == KeyAlgorithm.EC) {
                gen = KeyPairGenerator.getInstance("EC");
                gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(
                        new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), RANDOM);
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate a " + algorithm + " key: " + e, e);
        }
    }

    /**
     * {@return a self-signed CA: subject and issuer {@code CN=cn, O=organization}, valid from
     * {@code now} minus two days for 3650 days, BasicConstraints CA (critical), EKU serverAuth,
     * KeyUsage keyCertSign and cRLSign (critical), SKI from the public key}
     */
    public static X509Certificate createCa(
            KeyPair keys, String cn, String organization, Instant now) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, cn)
                .addRDN(BCStyle.O, organization)
                .build();
        Instant notBefore = now.minus(VALIDITY_OFFSET);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name, serial(), Date.from(notBefore), Date.from(notBefore.plus(CA_VALIDITY)),
                    name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(b, keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the CA certificate: " + e, e);
        }
    }

    /**
     * {@return a leaf for {@code spec} carrying {@code leafKey}, issued and signed by the CA:
     * valid from {@code now} minus two days for 199 days; subject CN (if any) and O (if any); EKU
     * serverAuth; SAN (critical when there is no CN); AKI from the CA's SKI; no SKI, no
     * BasicConstraints, no KeyUsage}
     */
    public static X509Certificate createLeaf(CertificateSpec spec, PublicKey leafKey,
            X509Certificate ca, PrivateKey caKey, Instant now) {
        Instant notBefore = now.minus(VALIDITY_OFFSET);
        try {
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(LEAF_VALIDITY)), leafSubject(spec), leafKey);
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            if (!spec.names().isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, spec.commonName() == null,
                        subjectAltNames(spec.names()));
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca));
            return sign(b, caKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot build a leaf for " + spec.names() + ": " + e, e);
        }
    }

    private static X500Name leafSubject(CertificateSpec spec) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        if (spec.commonName() != null) {
            nb.addRDN(BCStyle.CN, spec.commonName());
        }
        if (spec.organization() != null) {
            nb.addRDN(BCStyle.O, spec.organization());
        }
        return nb.build();
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            var ip = HostNames.toAddress(name);
            out.add(ip != null
                    ? new GeneralName(GeneralName.iPAddress,
                            new org.bouncycastle.asn1.DEROctetString(ip.getAddress()))
                    : new GeneralName(GeneralName.dNSName, HostNames.idna(name)));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    private static AuthorityKeyIdentifier authorityKeyId(X509Certificate ca)
            throws GeneralSecurityException {
        byte[] ski = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(ski).getOctets())
                    .getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        }
        return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublicKey());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** {@return SHA256withRSA or SHA256withECDSA, after the key} */
    public static String signatureAlgorithm(PrivateKey key) {
        return key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** {@return a random positive serial of 159 bits, like cryptography's random_serial_number} */
    private static BigInteger serial() {
        return new BigInteger(159, RANDOM);
    }
}
