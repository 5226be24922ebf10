package dev.mitm4j.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A confdir written by mitmproxy 8.1 works here as it is: same CA, nothing rewritten. */
class MitmproxyInteropTest {
    static final String[] FILES = {"mitmproxy-ca.pem", "mitmproxy-ca-cert.pem",
        "mitmproxy-ca-cert.cer", "mitmproxy-ca-cert.p12", "mitmproxy-ca.p12"};

    @TempDir Path confdir;

    @Test
    void aCaMadeByMitmproxyIsLoadedUnchangedAndSignsLeaves() throws Exception {
        for (String name : FILES) {
            String resource = "/mitmproxy-8.1-confdir/" + name;
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                Files.copy(in, confdir.resolve(name));
            }
        }
        byte[] before = Files.readAllBytes(confdir.resolve("mitmproxy-ca.pem"));
        CertificateAuthority ca = CertificateAuthority.load(confdir);
        assertArrayEquals(before, Files.readAllBytes(confdir.resolve("mitmproxy-ca.pem")));
        assertEquals("O=mitmproxy,CN=mitmproxy",
                ca.certificate().getSubjectX500Principal().getName());
        assertEquals(Files.readString(confdir.resolve("mitmproxy-ca-cert.pem")).strip(),
                ca.certificatePem().strip());
        CertifiedKey leaf = ca.leaf(CertificateSpec.of("interop.example"));
        ca.trustManager().checkServerTrusted(leaf.chain().toArray(X509Certificate[]::new),
                "UNKNOWN");
    }
}
