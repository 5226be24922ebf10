package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.tls.CertificateAuthority;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A fixed confdir instead of the per-run CA: the proxy and the clients use its CA. */
@WithMitmProxy(confdir = FixedCaTest.CONFDIR)
class FixedCaTest {
    static final String CONFDIR = "target/testkit-fixed-ca";

    @Test
    void theProxyUsesTheFixedConfdir(MitmProxy proxy) {
        Path dir = Path.of(CONFDIR).toAbsolutePath().normalize();

        assertEquals(dir.toString(), proxy.server().config().options().confdir());
        assertEquals(CertificateAuthority.load(dir).certificate(), proxy.caCertificate());
    }
}
