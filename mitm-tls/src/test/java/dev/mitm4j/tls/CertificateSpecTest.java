package dev.mitm4j.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateSpecTest {
    @TempDir Path dir;

    @Test
    void namesFollowMitmproxysOrderWhateverTheCallOrder() {
        CertificateAuthority upstreamCa = CertificateAuthority.load(dir);
        var upstream = upstreamCa.leaf(CertificateSpec.builder()
                .commonName("real.example").addName("real.example").addName("alt.example")
                .addName("10.0.0.1").organization("Real Org").build()).leaf();
        CertificateSpec spec = CertificateSpec.builder()
                .address("10.0.0.1")
                .sni("sni.example")
                .upstreamCertificate(upstream)
                .build();
        assertEquals(List.of("real.example", "alt.example", "10.0.0.1", "sni.example"),
                spec.names());
        assertEquals("real.example", spec.commonName());
        assertEquals("Real Org", spec.organization());
    }

    @Test
    void withoutSniTheLocalAddressStandsIn() {
        CertificateSpec spec = CertificateSpec.builder()
                .localAddress("127.0.0.1").address("[::1]").build();
        assertEquals(List.of("127.0.0.1", "::1"), spec.names());
        CertificateSpec withSni = CertificateSpec.builder()
                .sni("a.example").localAddress("127.0.0.1").build();
        assertEquals(List.of("a.example"), withSni.names());
    }

    @Test
    void duplicatesAreDroppedIgnoringCase() {
        CertificateSpec spec = CertificateSpec.builder()
                .sni("Example.com").address("example.COM").addName("www.example.com").build();
        assertEquals(List.of("Example.com", "www.example.com"), spec.names());
    }

    @Test
    void aCommonNameOf64CharactersOrMoreIsLeftOut() {
        String name = "x".repeat(52) + ".example.com"; // 64 characters
        CertificateSpec spec = CertificateSpec.of(name);
        assertNull(spec.commonName());
        assertEquals(List.of(name), spec.names());
    }

    @Test
    void equalSpecsAreEqual() {
        assertEquals(CertificateSpec.of("a.example", "b.example"),
                CertificateSpec.builder().sni("a.example").address("b.example").build());
    }

    @Test
    void aSpecWithoutAnyNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CertificateSpec.builder().build());
    }
}
