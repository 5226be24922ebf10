package dev.mitm4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mitmproxy's permissive cookie grammar. */
class CookiesTest {
    @Test
    void cookieHeaderPairsKeepDuplicatesAndBlankValues() {
        assertEquals(List.of(Map.entry("a", "1"), Map.entry("a", "2"), Map.entry("b", "")),
                Cookies.parseCookieHeaders(List.of("a=1; a=2; b=")));
    }

    @Test
    void quotedValuesMayHoldSeparatorsAndEscapes() {
        assertEquals(List.of(Map.entry("a", "x; \"y\""), Map.entry("b", "2")),
                Cookies.parseCookieHeaders(List.of("a=\"x; \\\"y\\\"\"; b=2")));
    }

    @Test
    void aTokenWithoutEqualsIsANameWithAnEmptyValue() {
        assertEquals(List.of(Map.entry("lonely", ""), Map.entry("a", "1")),
                Cookies.parseCookieHeaders(List.of("lonely; a=1")));
    }

    @Test
    void formattingQuotesValuesWithSpecialCharacters() {
        assertEquals("a=1; b=\"x y\"; c=\"q\\\"\"",
                Cookies.formatCookieHeader(List.of(Map.entry("a", "1"), Map.entry("b", "x y"),
                        Map.entry("c", "q\""))));
    }

    @Test
    void setCookieSplitsAttributesAndFlags() {
        List<Cookies.SetCookie> cookies = Cookies.parseSetCookieHeaders(
                List.of("id=a3fWa; Max-Age=2592000; Secure; HttpOnly"));
        assertEquals(1, cookies.size());
        Cookies.SetCookie c = cookies.get(0);
        assertEquals("id", c.name());
        assertEquals("a3fWa", c.value());
        assertEquals(List.of(new Cookies.Pair("Max-Age", "2592000"),
                new Cookies.Pair("Secure", null), new Cookies.Pair("HttpOnly", null)),
                c.attributes());
    }

    @Test
    void setCookieExpiresAndPathAreNeverQuoted() {
        Cookies.SetCookie c = new Cookies.SetCookie("n", "v w", List.of(
                new Cookies.Pair("Expires", "Thu, 01 Jan 2030 00:00:00 GMT"),
                new Cookies.Pair("Path", "/a b")));
        assertEquals("n=\"v w\"; Expires=Thu, 01 Jan 2030 00:00:00 GMT; Path=/a b",
                Cookies.formatSetCookieHeader(List.of(c)));
    }

    @Test
    void refreshRejectsCookiesWithoutNameOrValue() {
        assertThrows(IllegalArgumentException.class,
                () -> Cookies.refreshSetCookieHeader("=v", Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> Cookies.refreshSetCookieHeader("n=", Duration.ZERO));
    }

    @Test
    void refreshKeepsTheLastExpiresWhenRepeated() {
        assertEquals("n=v; expires=Fri, 02 Jan 2015 00:00:00 GMT",
                Cookies.refreshSetCookieHeader("n=v; expires=Wed, 01 Jan 2014 00:00:00 GMT; "
                        + "expires=Thu, 01 Jan 2015 00:00:00 GMT", Duration.ofDays(1)));
    }

    @Test
    void setCookieCornerCases() {
        assertEquals(List.of(), Cookies.parseSetCookieHeaders(List.of("")));
        assertEquals(List.of(), Cookies.parseSetCookieHeaders(List.of(";")));
        assertEquals(List.of(new Cookies.SetCookie("", "uno", List.of())),
                Cookies.parseSetCookieHeaders(List.of("=uno")));
        assertEquals(List.of(new Cookies.SetCookie("foo", "bar",
                List.of(new Cookies.Pair("expires", "Mon, 24 Aug 2133")))),
                Cookies.parseSetCookieHeaders(List.of("foo=bar; expires=Mon, 24 Aug 2133")));
    }

    @Test
    void refreshReadsRfc850ExpiresAndDropsDatesWithoutTime() {
        String shifted = Cookies.refreshSetCookieHeader(
                "MOO=BAR; Expires=Tue, 08-Mar-2011 00:20:38 GMT; Path=foo.com; Secure",
                Duration.ofSeconds(60));
        assertEquals("MOO=BAR; Expires=Tue, 08 Mar 2011 00:21:38 GMT; Path=foo.com; Secure",
                shifted);
        assertEquals("rfoo=bar; Domain=reddit.com; Path=/", Cookies.refreshSetCookieHeader(
                "rfoo=bar; Domain=reddit.com; expires=Thu, 31 Dec 2133; Path=/",
                Duration.ofSeconds(60)));
    }

    @Test
    void refreshOfNothingIsNothingAndBareTokensAreInvalid() {
        assertEquals("", Cookies.refreshSetCookieHeader("", Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> Cookies.refreshSetCookieHeader("foo,bar", Duration.ofSeconds(60)));
    }
}
