package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProxyModeTest {
    @Test void simpleModes() {
        assertEquals(new ProxyMode.Regular(null, null), ProxyMode.parse("regular"));
        assertEquals(new ProxyMode.Regular(null, null), ProxyMode.parse("REGULAR"));
        assertEquals(new ProxyMode.Socks5(null, null), ProxyMode.parse("socks5"));
        assertEquals(new ProxyMode.Transparent(null, null), ProxyMode.parse("transparent"));
        assertEquals(1080, ProxyMode.parse("socks5").defaultPort());
        assertEquals(8080, ProxyMode.parse("regular").defaultPort());
    }

    @Test void reverseAndUpstreamTakeAServer() {
        assertEquals(new ProxyMode.Reverse("http", "example.com", 80, null, null),
                ProxyMode.parse("reverse:http://example.com"));
        assertEquals(new ProxyMode.Reverse("https", "example.com", 443, null, null),
                ProxyMode.parse("reverse:example.com"));
        assertEquals(new ProxyMode.Reverse("https", "::1", 8443, null, null),
                ProxyMode.parse("reverse:https://[::1]:8443/"));
        assertEquals(new ProxyMode.Upstream("http", "proxy", 3128, null, null),
                ProxyMode.parse("upstream:proxy:3128"));
        assertEquals(new ProxyMode.Upstream("https", "p", 443, null, null),
                ProxyMode.parse("upstream:https://p"));
    }

    @Test void listenSuffix() {
        assertEquals(new ProxyMode.Reverse("https", "example.com", 443, "127.0.0.1", 443),
                ProxyMode.parse("reverse:https://example.com@127.0.0.1:443"));
        assertEquals(new ProxyMode.Socks5(null, 1081), ProxyMode.parse("socks5@1081"));
        assertEquals(new ProxyMode.Regular("::1", 0), ProxyMode.parse("regular@[::1]:0"));
    }

    @Test void toStringIsTheCanonicalSpec() {
        for (String spec : new String[] {"regular", "socks5@1081", "transparent@0.0.0.0:8080",
                "reverse:http://example.com:80", "upstream:https://[::1]:3128@[::1]:9"}) {
            assertEquals(spec, ProxyMode.parse(spec).toString());
            assertEquals(ProxyMode.parse(spec), ProxyMode.parse(ProxyMode.parse(spec).toString()));
        }
    }

    @Test void badSpecsNameTheAcceptedForms() {
        for (String spec : new String[] {"regularr", "reverse", "reverse:", "reverse:ftp://x",
                "upstream:http://a/b", "socks5:x", "regular@http", "regular@99999", "dns"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ProxyMode.parse(spec), spec);
            assertTrue(e.getMessage().startsWith("Invalid proxy mode \"" + spec + "\""),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(ProxyMode.FORMS), e.getMessage());
        }
    }
}
