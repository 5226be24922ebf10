package dev.mitm4j.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.internal.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCertificatesTest {
    @TempDir static Path dir;
    static CertificateAuthority ca;
    static CertificateAuthority userCa;
    static CertifiedKey wildcard;
    static Path wildcardPem;

    @BeforeAll
    static void certs() throws Exception {
        ca = CertificateAuthority.load(dir.resolve("ca"));
        // RSA leaf: these tests compare CertifiedKeys with equals() across a PEM round trip, and
        // an EC key read back from PEM encodes its public key too, so it is not equals() to the
        // generated one (same key, other encoding)
        userCa = CertificateAuthority.builder().confdir(dir.resolve("user-ca"))
                .leafKeyAlgorithm(KeyAlgorithm.RSA).build();
        wildcard = userCa.leaf(CertificateSpec.of("*.example.com"));
        wildcardPem = write("wildcard.pem", Pem.encode(wildcard.key()) + chainPem(wildcard));
    }

    static String chainPem(CertifiedKey k) {
        return Pem.encode(k.chain().toArray());
    }

    static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aCertificateIsFoundUnderItsDomainAndItsOwnNames() {
        UserCertificates certs = UserCertificates.load(List.of(wildcardPem.toString()), null, ca);
        assertEquals(Optional.of(wildcard), certs.lookup("www.example.com"),
                "via its SAN *.example.com");
        assertEquals(Optional.of(wildcard), certs.lookup("anything.test"), "no domain means *");
        assertEquals(wildcard.chain(), certs.lookup("x.example.com").get().chain());
    }

    @Test
    void aDomainPrefixLimitsTheCertificateToThatDomain() {
        UserCertificates certs = UserCertificates.load(
                List.of("api.test=" + wildcardPem), null, ca);
        assertEquals(Optional.of(wildcard), certs.lookup("api.test"));
        assertEquals(Optional.of(wildcard), certs.lookup("a.example.com"));
        assertEquals(Optional.empty(), certs.lookup("web.test"));
        assertEquals(Optional.of(wildcard),
                certs.lookup(CertificateSpec.builder().sni("web.test").address("api.test")
                        .build()));
    }

    @Test
    void wildcardFormsGoFromTheMostSpecific() {
        assertEquals(List.of("www.a.com", "*.a.com", "*.com"),
                UserCertificates.asteriskForms("www.a.com"));
        assertEquals(List.of("10.0.0.1"), UserCertificates.asteriskForms("10.0.0.1"));
    }

    @Test
    void aFileWithoutAKeyUsesTheCaKeyWhenItMatches() throws Exception {
        Path caOnly = write("ca-only.pem", ca.certificatePem());
        UserCertificates certs = UserCertificates.load(List.of("ca.test=" + caOnly), null, ca);
        assertEquals(ca.privateKey(), certs.lookup("ca.test").get().key());
        Path foreign = write("foreign.pem", chainPem(wildcard));
        var e = assertThrows(CertificateAuthorityException.class,
                () -> UserCertificates.load(List.of(foreign.toString()), null, ca));
        assertEquals(foreign, e.file());
    }

    @Test
    void anEncryptedKeyNeedsCertPassphrase() throws Exception {
        Path plainKey = write("plain-key.pem", Pem.encode(wildcard.key()));
        Path encKey = dir.resolve("enc-key.pem");
        Process p = new ProcessBuilder("openssl", "pkey", "-in", plainKey.toString(), "-aes256",
                "-passout", "pass:s3cret", "-out", encKey.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Path enc = write("enc.pem", Files.readString(encKey) + chainPem(wildcard));
        assertTrue(Files.readString(enc).contains("ENCRYPTED PRIVATE KEY"));
        UserCertificates certs = UserCertificates.load(List.of(enc.toString()), "s3cret", ca);
        assertEquals(wildcard.key(), certs.lookup("a.example.com").get().key());
        var e = assertThrows(CertificateAuthorityException.class,
                () -> UserCertificates.load(List.of(enc.toString()), null, ca));
        assertTrue(e.getMessage().contains("cert_passphrase"), e.getMessage());
        var wrong = assertThrows(CertificateAuthorityException.class,
                () -> UserCertificates.load(List.of(enc.toString()), "nope", ca));
        assertEquals(enc, wrong.file());
    }

    @Test
    void clientCertificatesComeFromAFileOrAHostFileInADirectory() throws Exception {
        ClientCertificates file = ClientCertificates.of(wildcardPem, null);
        assertEquals(Optional.of(wildcard), file.forHost("any.host"));
        Path certsDir = Files.createDirectories(dir.resolve("client-certs"));
        Files.copy(wildcardPem, certsDir.resolve("api.example.com.pem"));
        ClientCertificates byHost = ClientCertificates.of(certsDir, null);
        assertEquals(Optional.of(wildcard), byHost.forHost("api.example.com"));
        assertEquals(Optional.empty(), byHost.forHost("other.example.com"));
        assertEquals(Optional.empty(), byHost.forHost("../wildcard"));
    }
}
