package dev.mitm4j.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    static final String[] FILES = {"mitmproxy-ca.pem", "mitmproxy-ca-cert.pem",
        "mitmproxy-ca-cert.cer", "mitmproxy-ca-cert.p12", "mitmproxy-ca.p12"};

    @TempDir Path dir;

    @Test
    void firstUseWritesMitmproxysFilesWithSecretsOwnerOnly() throws Exception {
        Path confdir = dir.resolve("conf");
        CertificateAuthority ca = CertificateAuthority.load(confdir);
        for (String name : FILES) {
            assertTrue(Files.isRegularFile(confdir.resolve(name)), name);
        }
        assertEquals("rw-------", perms(confdir.resolve("mitmproxy-ca.pem")));
        assertEquals("rw-------", perms(confdir.resolve("mitmproxy-ca.p12")));
        assertEquals("rw-r--r--", perms(confdir.resolve("mitmproxy-ca-cert.pem")));
        String pem = Files.readString(confdir.resolve("mitmproxy-ca.pem"));
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"), "traditional key first");
        assertTrue(pem.contains("-----BEGIN CERTIFICATE-----"));
        assertEquals(ca.certificatePem(),
                Files.readString(confdir.resolve("mitmproxy-ca-cert.pem")));
        assertEquals(ca.certificatePem(),
                Files.readString(confdir.resolve("mitmproxy-ca-cert.cer")));
        try (var leftovers = Files.list(confdir)) {
            assertEquals(5, leftovers.count(), "no temporary files left behind");
        }
    }

    @Test
    void pkcs12FilesHoldTheCertificateAndTheKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(dir);
        KeyStore certOnly = readP12(dir.resolve("mitmproxy-ca-cert.p12"));
        assertEquals(ca.certificate(), certOnly.getCertificate("mitmproxy"));
        assertFalse(certOnly.isKeyEntry("mitmproxy"));
        KeyStore withKey = readP12(dir.resolve("mitmproxy-ca.p12"));
        assertEquals(ca.privateKey(), withKey.getKey("mitmproxy", new char[0]));
        assertEquals(ca.certificate(), ca.trustStore().getCertificate("ca-0"));
        assertEquals(ca.certificatePem(), CaTrust.pem(ca.certificate()));
    }

    @Test
    void caHasMitmproxysSubjectValidityAndExtensions() throws Exception {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        CertificateAuthority ca = CertificateAuthority.builder()
                .confdir(dir).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        X509Certificate c = ca.certificate();
        // RFC 2253 prints the last RDN first: encoded as CN then O, like mitmproxy's.
        assertEquals("O=mitmproxy,CN=mitmproxy", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals(now.minus(Duration.ofDays(2)), c.getNotBefore().toInstant());
        assertEquals(now.minus(Duration.ofDays(2)).plus(Duration.ofDays(3650)),
                c.getNotAfter().toInstant());
        assertEquals(Integer.MAX_VALUE, c.getBasicConstraints(), "CA without path length");
        assertTrue(c.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = c.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertTrue(c.getNonCriticalExtensionOIDs().contains("2.5.29.14"), "SKI");
        assertEquals("SHA256withRSA", c.getSigAlgName());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) c.getPublicKey())
                .getModulus().bitLength());
        c.verify(c.getPublicKey());
    }

    @Test
    void secondLoadReadsTheSameCaInsteadOfMakingANewOne() {
        CertificateAuthority first = CertificateAuthority.load(dir);
        CertificateAuthority second = CertificateAuthority.load(dir);
        assertEquals(first.certificate(), second.certificate());
        assertEquals(first.privateKey(), second.privateKey());
    }

    @Test
    void ecCaSignsEcLeaves() throws Exception {
        CertificateAuthority ca = CertificateAuthority.builder()
                .confdir(dir).keyAlgorithm(KeyAlgorithm.EC).build();
        assertEquals("SHA256withECDSA", ca.certificate().getSigAlgName());
        assertTrue(Files.readString(ca.file()).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        CertifiedKey leaf = ca.leaf(CertificateSpec.of("example.com"));
        assertEquals("EC", leaf.key().getAlgorithm());
        leaf.leaf().verify(ca.certificate().getPublicKey());
    }

    @Test
    void rsaCaSignsEcLeavesByDefaultAndRsaLeavesOnRequest() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(dir);
        CertifiedKey leaf = ca.leaf(CertificateSpec.of("example.com"));
        assertEquals("EC", leaf.key().getAlgorithm());
        assertEquals("SHA256withRSA", leaf.leaf().getSigAlgName());
        leaf.leaf().verify(ca.certificate().getPublicKey());

        CertificateAuthority rsa = CertificateAuthority.builder().confdir(dir)
                .leafKeyAlgorithm(KeyAlgorithm.RSA).build();
        CertifiedKey rsaLeaf = rsa.leaf(CertificateSpec.of("example.com"));
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) rsaLeaf.leaf().getPublicKey())
                .getModulus().bitLength());
        rsaLeaf.leaf().verify(ca.certificate().getPublicKey());
    }

    @Test
    void expiredCaIsAnErrorNamingTheFile() {
        CertificateAuthority.load(dir);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(4000)), ZoneOffset.UTC);
        var e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.builder().confdir(dir).clock(later).build());
        assertEquals(dir.resolve("mitmproxy-ca.pem"), e.file());
        assertTrue(e.getMessage().startsWith(dir.resolve("mitmproxy-ca.pem") + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void unreadableCaIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("mitmproxy-ca.pem"), "-----BEGIN CERTIFICATE-----\n!!\n");
        var e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.load(dir));
        assertEquals(dir.resolve("mitmproxy-ca.pem"), e.file());
    }

    @Test
    void caFileWithoutKeyIsAnError() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(dir.resolve("a"));
        Files.writeString(dir.resolve("mitmproxy-ca.pem"), ca.certificatePem());
        var e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.load(dir));
        assertTrue(e.getMessage().contains("no private key"), e.getMessage());
    }

    @Test
    void keyOfAnotherCaIsAnError() throws Exception {
        CertificateAuthority a = CertificateAuthority.load(dir.resolve("a"));
        CertificateAuthority b = CertificateAuthority.load(dir.resolve("b"));
        String keyOfA = Files.readString(a.file()).split("(?=-----BEGIN CERTIFICATE)")[0];
        Files.writeString(dir.resolve("mitmproxy-ca.pem"), keyOfA + b.certificatePem());
        var e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.load(dir));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void leavesShareOneKeyAndAreCached() {
        CertificateAuthority ca = CertificateAuthority.load(dir);
        CertifiedKey a = ca.leaf(CertificateSpec.of("a.example"));
        CertifiedKey b = ca.leaf(CertificateSpec.of("b.example"));
        assertSame(a, ca.leaf(CertificateSpec.of("a.example")));
        assertNotSame(a, b);
        assertEquals(a.key(), b.key());
        assertFalse(a.leaf().getPublicKey().equals(ca.certificate().getPublicKey()),
                "the leaf key is not the CA key");
        assertEquals(List.of(a.leaf(), ca.certificate()), a.chain());
        assertEquals(2, ca.cachedLeaves());
    }

    @Test
    void oneHostHasAnEcAndAnRsaLeafCachedSideBySideWithTheSameNames() throws Exception {
        CertificateAuthority.load(dir); // an RSA 2048 CA; key_size then sizes only RSA leaves
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir).keySize(3072)
                .build();
        CertificateSpec spec = CertificateSpec.of("a.example", "10.0.0.1");
        CertifiedKey ec = ca.leaf(spec, KeyAlgorithm.EC);
        CertifiedKey rsa = ca.leaf(spec, KeyAlgorithm.RSA);
        assertSame(ec, ca.leaf(spec));
        assertSame(rsa, ca.leaf(spec, KeyAlgorithm.RSA));
        assertEquals("EC", ec.key().getAlgorithm());
        assertEquals("RSA", rsa.key().getAlgorithm());
        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) rsa.leaf().getPublicKey())
                .getModulus().bitLength(), "key_size sets the RSA leaf key");
        assertEquals(ec.leaf().getSubjectX500Principal(), rsa.leaf().getSubjectX500Principal());
        assertEquals(List.copyOf(ec.leaf().getSubjectAlternativeNames()),
                List.copyOf(rsa.leaf().getSubjectAlternativeNames()));
        rsa.leaf().verify(ca.certificate().getPublicKey());
        assertEquals(List.of(rsa.leaf(), ca.certificate()), rsa.chain());
        assertEquals(rsa.key(), ca.leaf(CertificateSpec.of("b.example"), KeyAlgorithm.RSA).key(),
                "RSA leaves share one key too");
        assertEquals(3, ca.cachedLeaves());
    }

    @Test
    void cacheEvictsTheLeastRecentlyUsed() {
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir).cacheSize(2).build();
        CertifiedKey a = ca.leaf(CertificateSpec.of("a.example"));
        ca.leaf(CertificateSpec.of("b.example"));
        assertSame(a, ca.leaf(CertificateSpec.of("a.example"))); // a is now the most recent
        ca.leaf(CertificateSpec.of("c.example"));                // evicts b
        assertEquals(2, ca.cachedLeaves());
        assertSame(a, ca.leaf(CertificateSpec.of("a.example")));
    }

    @Test
    void leafHasMitmproxysNamesValidityAndExtensions() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CertificateAuthority ca = CertificateAuthority.builder()
                .confdir(dir).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        CertificateSpec spec = CertificateSpec.builder()
                .sni("www.example.com").address("93.184.216.34").organization("Example Inc")
                        .build();
        X509Certificate leaf = ca.leaf(spec).leaf();
        assertEquals("O=Example Inc,CN=www.example.com", leaf.getSubjectX500Principal().getName());
        assertEquals(ca.certificate().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(now.minus(Duration.ofDays(2)), leaf.getNotBefore().toInstant());
        assertEquals(now.minus(Duration.ofDays(2)).plus(Duration.ofDays(199)),
                leaf.getNotAfter().toInstant());
        assertEquals(List.of(List.of(2, "www.example.com"), List.of(7, "93.184.216.34")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertNull(leaf.getExtensionValue("2.5.29.14"), "no SKI on leaves");
        assertNull(leaf.getKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints());
        assertFalse(leaf.getCriticalExtensionOIDs() != null
                && leaf.getCriticalExtensionOIDs().contains("2.5.29.17"),
                        "SAN not critical with CN");
        assertArrayEquals(keyId(ca.certificate().getExtensionValue("2.5.29.14")),
                authorityKeyId(leaf.getExtensionValue("2.5.29.35")));
        ca.trustManager().checkServerTrusted(ca.leaf(spec).chain().toArray(X509Certificate[]::new),
                "ECDHE_RSA");
    }

    @Test
    void leafWithoutCommonNameHasCriticalSan() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(dir);
        String longName = "a".repeat(60) + ".example.com";
        X509Certificate leaf = ca.leaf(CertificateSpec.of(longName)).leaf();
        assertEquals("", leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.17"));
    }

    private static byte[] keyId(byte[] skiExtension) {
        var octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(skiExtension).getOctets();
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(octets).getOctets();
    }

    private static byte[] authorityKeyId(byte[] akiExtension) {
        var octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(akiExtension).getOctets();
        return org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(octets)
                .getKeyIdentifierObject().getOctets();
    }

    private static KeyStore readP12(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, new char[0]);
        }
        return ks;
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
