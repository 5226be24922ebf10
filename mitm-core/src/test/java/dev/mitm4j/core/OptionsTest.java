package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test void defaultsFollowMitmproxyExceptListenHost() {
        Options o = Options.defaults();
        assertEquals("127.0.0.1", o.listenHost());
        assertEquals(8080, o.listenPort());
        assertFalse(o.listenPortSet());
        assertEquals(List.of(ProxyMode.parse("regular")), o.mode());
        assertEquals(600, o.tcpTimeout());
        assertEquals(-1, o.streamLargeBodies());
        assertEquals(-1, o.bodySizeLimit());
        assertTrue(o.blockGlobal());
        assertFalse(o.blockPrivate());
        assertTrue(o.upstreamCert());
        assertEquals("eager", o.connectionStrategy());
        assertEquals(1, o.flowDetail());
        assertNull(o.proxyauth());
        assertEquals(List.of(), o.ignoreHosts());
    }

    @Test void sizesUseBinaryUnits() {
        Options o = Options.builder().set("stream_large_bodies", "3m")
                .set("body_size_limit", "1k").build();
        assertEquals(3L * 1024 * 1024, o.streamLargeBodies());
        assertEquals(1024, o.bodySizeLimit());
        assertEquals(2L << 30, Options.builder().set("body_size_limit", "2g").build()
                .bodySizeLimit());
        assertEquals(17, Options.builder().set("body_size_limit", "17").build().bodySizeLimit());
        assertEquals(-1, o.toBuilder().set("stream_large_bodies", "").build().streamLargeBodies());
    }

    @Test void booleansAcceptTrueFalseToggleAndOmitted() {
        assertTrue(Options.builder().set("anticache", "true").build().anticache());
        assertTrue(Options.builder().set("anticache", null).build().anticache());
        assertFalse(Options.builder().set("block_global", "false").build().blockGlobal());
        assertFalse(Options.builder().set("block_global", "toggle").build().blockGlobal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("anticache", "yes please"));
        assertEquals("Invalid value \"yes please\" for option anticache: not a boolean; "
                + "expected true, false or toggle", e.getMessage());
    }

    @Test void sequencesGrowByRepetition() {
        Options o = Options.builder().add("ignore_hosts", "a\\.com").add("ignore_hosts", "b")
                .set("mode", "socks5").add("mode", "reverse:http://localhost:3000@8081").build();
        assertEquals(List.of("a\\.com", "b"), o.ignoreHosts());
        assertEquals(2, o.mode().size());
        assertEquals(new ProxyMode.Socks5(null, null), o.mode().get(0));
        assertEquals(List.of("x"), o.toBuilder().set("ignore_hosts", "x").build().ignoreHosts());
        assertEquals(List.of(), o.toBuilder().set("ignore_hosts", null).build().ignoreHosts());
    }

    @Test void unknownNamesSuggestCloseMatches() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("listen_prot", "8080"));
        assertTrue(e.getMessage().startsWith("Unknown option \"listen_prot\"; did you mean "
                + "listen_port"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.defaults().valueAsString("x"));
    }

    @Test void badValuesNameTheOptionAndTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("listen_port", "http"));
        assertEquals("Invalid value \"http\" for option listen_port: not an integer; expected "
                + "an integer, or empty for none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("listen_port", "70000"));
        assertTrue(e.getMessage().contains("out of range 0..65535"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("stream_large_bodies", "3mb"));
        assertTrue(e.getMessage().contains("stream_large_bodies")
                && e.getMessage().contains("512k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("connection_strategy", "sloppy"));
        assertTrue(e.getMessage().endsWith("expected one of eager, lazy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().add("anticache", "true"));
        assertTrue(e.getMessage().contains("not a sequence"), e.getMessage());
    }

    @Test void secretsAreNeverEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("upstream_auth", "s3cretwithoutcolon"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("user:pass"), e.getMessage());
        Options o = Options.builder().set("proxyauth", "bob:s3cret").build();
        assertEquals("bob:s3cret", o.proxyauth());
        assertFalse(o.toString().contains("s3cret"), o.toString());
    }

    @Test void proxyauthAcceptsItsForms() {
        for (String spec : List.of("any", "@/etc/htpasswd", "u:p")) {
            assertEquals(spec, Options.builder().set("proxyauth", spec).build().proxyauth());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("proxyauth", "ldap:srv:dn:pw:sub"));
        assertNull(Options.builder().set("proxyauth", "").build().proxyauth());
    }

    @Test void listenPortForPrefersTheModeSuffix() {
        Options o = Options.builder().listenPort(9000).build();
        assertEquals(8081, o.listenPortFor(ProxyMode.parse("regular@8081")));
        assertEquals(9000, o.listenPortFor(ProxyMode.parse("socks5")));
        assertEquals(1080, Options.defaults().listenPortFor(ProxyMode.parse("socks5")));
        assertEquals("0.0.0.0", o.listenHostFor(ProxyMode.parse("regular@0.0.0.0:1")));
    }

    @Test void describeListsEveryOptionWithTypeDefaultAndHelp() {
        List<Options.Description> all = Options.describe();
        assertEquals(Options.names().size(), all.size());
        Options.Description port = all.stream().filter(d -> d.name().equals("listen_port"))
                .findFirst().orElseThrow();
        assertEquals("Optional[int]", port.type());
        assertEquals("", port.defaultValue());
        for (Options.Description d : all) {
            assertFalse(d.help().isBlank(), d.name());
            assertEquals(d.defaultValue(), Options.defaults().valueAsString(d.name()), d.name());
        }
        assertTrue(Options.names().containsAll(List.of("listen_host", "mode", "ignore_hosts",
                "allow_hosts", "tcp_hosts", "proxyauth", "upstream_auth", "stream_large_bodies",
                "body_size_limit", "tcp_timeout", "connection_strategy", "keep_host_header",
                "block_global", "block_private", "ssl_insecure", "confdir", "flow_detail",
                "showhost", "anticache", "anticomp", "termlog_verbosity", "upstream_cert",
                "certs", "key_size")));
    }

    @Test void valuesRoundTripThroughTheirTextForm() {
        Options o = Options.builder().set("stream_large_bodies", "3m").set("anticomp", "true")
                .add("mode", "upstream:http://[::1]:3128").build();
        Options.Builder copy = Options.builder();
        for (String name : List.of("stream_large_bodies", "anticomp")) {
            copy.set(name, o.valueAsString(name));
        }
        copy.setAll("mode", o.mode().stream().map(ProxyMode::toString).toList());
        assertEquals(o, copy.build());
        assertTrue(o.isChanged("anticomp"));
        assertFalse(o.isChanged("anticache"));
    }
}
