package dev.mitm4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authorities, URLs and percent-encoding. */
class UrlsTest {
    @Test
    void authoritiesSplitIntoHostAndPort() {
        assertEquals(new Urls.HostPort("example.com", 8080), Urls.parseAuthority("example.com:8080", true));
        assertEquals(new Urls.HostPort("example.com", null), Urls.parseAuthority("example.com", true));
        assertEquals(new Urls.HostPort("::1", 443), Urls.parseAuthority("[::1]:443", true));
        assertEquals(new Urls.HostPort("::1", null), Urls.parseAuthority("[::1]", true));
    }

    @Test
    void malformedAuthoritiesThrowOnlyWhenChecked() {
        for (String bad : List.of("", "h:", "h:99999", "::1", "[::1", "a b", "h:-1")) {
            assertThrows(IllegalArgumentException.class, () -> Urls.parseAuthority(bad, true), bad);
            assertEquals(new Urls.HostPort(bad, null), Urls.parseAuthority(bad, false), bad);
        }
    }

    @Test
    void hostportOmitsDefaultPortsAndBracketsIpv6() {
        assertEquals("h", Urls.hostport("http", "h", 80));
        assertEquals("h:443", Urls.hostport("http", "h", 443));
        assertEquals("h", Urls.hostport("https", "h", 443));
        assertEquals("[::1]:8080", Urls.hostport("http", "::1", 8080));
    }

    @Test
    void parseUrlDefaultsPortAndPath() {
        assertEquals(new Urls.ParsedUrl("https", "h", 443, "/"), Urls.parseUrl("https://h"));
        assertEquals(new Urls.ParsedUrl("http", "h", 80, "/?q"), Urls.parseUrl("http://h?q"));
        assertEquals(new Urls.ParsedUrl("http", "h", 81, "/p"), Urls.parseUrl("http://u:pw@h:81/p"));
    }

    @Test
    void formEncodingFollowsPythonsUrlencode() {
        assertEquals("a=1+2&b=%26%3D&c=%C3%A9&d=-_.~",
                FormEncoding.encode(List.of(Map.entry("a", "1 2"), Map.entry("b", "&="),
                        Map.entry("c", "é"), Map.entry("d", "-_.~")), ""));
        assertEquals(List.of(Map.entry("a", "1 2"), Map.entry("b", "&="), Map.entry("c", "é")),
                FormEncoding.decode("a=1+2&&b=%26%3D&c=%C3%A9"));
    }

    @Test
    void quoteKeepsSafeCharactersAndUnquoteToleratesStrayPercent() {
        assertEquals("a/b%20c", FormEncoding.quote("a/b c", "/"));
        assertEquals("a%2Fb", FormEncoding.quote("a/b", ""));
        assertEquals("100% sure", FormEncoding.unquote("100% sure"));
        assertEquals("x%zz", FormEncoding.unquote("x%zz"));
    }
}
