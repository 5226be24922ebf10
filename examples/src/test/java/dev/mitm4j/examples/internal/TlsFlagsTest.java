package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mitmdump's TLS flags, and the TLS options by name through --set. */
class TlsFlagsTest {
    @Test void tlsFlagsSetTheirOptions() throws UsageException {
        Options o = CommandLine.parse("--certs", "*.a.com=/c/a.pem", "--certs=/c/all.pem",
                "--cert-passphrase", "pw", "--client-certs", "/c/client", "-k",
                "--no-upstream-cert", "--confdir", "/tmp/conf").options();
        assertEquals(List.of("*.a.com=/c/a.pem", "/c/all.pem"), o.certs());
        assertEquals("pw", o.certPassphrase());
        assertEquals("/c/client", o.clientCerts());
        assertTrue(o.sslInsecure());
        assertFalse(o.upstreamCert());
        assertEquals("/tmp/conf", o.confdir());
        assertTrue(CommandLine.parse("--ssl-insecure").options().sslInsecure());
    }

    @Test void tlsOptionsByNameThroughSet() throws UsageException {
        Options o = CommandLine.parse("--set", "confdir=/tmp/c", "--set", "upstream_cert=false",
                "--set", "tls_version_client_min=TLS1_3", "--set", "tls_version_server_max=TLS1_2",
                "--set", "ssl_verify_upstream_trusted_ca=/ca.pem",
                "--set", "add_upstream_certs_to_client_chain=true", "--set", "key_size=4096",
                "--set", "tls_passthrough_untrusted=true", "--set", "ssl_keylog_file=/k.log",
                "--set", "onboarding_host=setup.test").options();
        assertEquals("/tmp/c", o.confdir());
        assertFalse(o.upstreamCert());
        assertEquals("TLS1_3", o.tlsVersionClientMin());
        assertEquals("TLS1_2", o.tlsVersionServerMax());
        assertEquals("/ca.pem", o.sslVerifyUpstreamTrustedCa());
        assertTrue(o.addUpstreamCertsToClientChain());
        assertEquals(4096, o.keySize());
        assertTrue(o.tlsPassthroughUntrusted());
        assertEquals("/k.log", o.sslKeylogFile());
        assertEquals("setup.test", o.onboardingHost());
    }

    @Test void leafKeyTypeHasAFlagAndAcceptsOnlyItsThreeValues() throws UsageException {
        assertEquals("auto", CommandLine.parse().options().leafKeyType());
        assertEquals("rsa", CommandLine.parse("--leaf-key-type", "rsa").options().leafKeyType());
        assertEquals("ec", CommandLine.parse("--leaf-key-type=ec").options().leafKeyType());
        assertEquals("rsa", CommandLine.parse("--set", "leaf_key_type=rsa").options()
                .leafKeyType());
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse("--leaf-key-type", "dsa"));
        assertTrue(e.getMessage().contains("leaf_key_type") && e.getMessage().contains("rsa"),
                e.getMessage());
    }

    @Test void badTlsVersionNamesTheOption() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLine.parse("--set", "tls_version_client_min=TLS9"));
        assertTrue(e.getMessage().contains("tls_version_client_min"), e.getMessage());
    }
}
