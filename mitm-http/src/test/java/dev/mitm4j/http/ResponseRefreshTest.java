package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Response.refresh(now), mitmproxy's rules: delta = now - timestampStart; Date, Expires and
 * Last-Modified shift by delta; cookie "expires" shifts (or goes when unparsable); Max-Age stays.
 * Every expectation below is worked out by hand from a 25-hour delta.
 */
class ResponseRefreshTest {
    private static final Instant RECORDED = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2020-01-02T01:00:00Z"); // +25h

    private static Response recorded(String... headers) {
        Response r = Response.builder().headers(Headers.of(headers)).timestampStart(RECORDED)
                .build();
        r.refresh(NOW);
        return r;
    }

    @Test
    void dateHeadersShiftByTheDelta() {
        Response r = recorded("Date", "Wed, 01 Jan 2020 00:00:00 GMT",
                "Expires", "Wed, 01 Jan 2020 12:00:00 GMT",
                "Last-Modified", "Tue, 31 Dec 2019 23:00:00 +0100");
        assertEquals("Thu, 02 Jan 2020 01:00:00 GMT", r.headers().get("Date"));
        assertEquals("Thu, 02 Jan 2020 13:00:00 GMT", r.headers().get("Expires"));
        assertEquals("Wed, 01 Jan 2020 23:00:00 GMT", r.headers().get("Last-Modified"));
    }

    @Test
    void obsoleteDateFormatsAreReadToo() {
        assertEquals("Thu, 02 Jan 2020 01:00:00 GMT",
                recorded("Date", "Wednesday, 01-Jan-20 00:00:00 GMT").headers().get("Date"));
        assertEquals("Thu, 02 Jan 2020 01:00:00 GMT",
                recorded("Date", "Wed Jan  1 00:00:00 2020").headers().get("Date"));
    }

    @Test
    void unparsableDatesStayAsTheyAre() {
        Response r = recorded("Expires", "0", "Date", "yesterday");
        assertEquals("0", r.headers().get("Expires"));
        assertEquals("yesterday", r.headers().get("Date"));
    }

    @Test
    void cookieExpiresShiftsAndMaxAgeStays() {
        Response r = recorded("Set-Cookie",
                "id=abc; Expires=Wed, 01 Jan 2020 10:00:00 GMT; Path=/; Max-Age=3600");
        assertEquals(List.of("id=abc; Expires=Thu, 02 Jan 2020 11:00:00 GMT; Path=/; Max-Age=3600"),
                r.headers().getAll("Set-Cookie"));
    }

    @Test
    void unparsableCookieExpiresIsRemoved() {
        Response r = recorded("Set-Cookie", "x=1; expires=garbage; HttpOnly");
        assertEquals(List.of("x=1; HttpOnly"), r.headers().getAll("Set-Cookie"));
    }

    @Test
    void invalidCookiesAreKeptUnchanged() {
        Response r = recorded("Set-Cookie", "=novalue; Expires=Wed, 01 Jan 2020 10:00:00 GMT",
                "Set-Cookie", "flag", "Set-Cookie", "ok=1");
        assertEquals(List.of("=novalue; Expires=Wed, 01 Jan 2020 10:00:00 GMT", "flag", "ok=1"),
                r.headers().getAll("Set-Cookie"));
    }

    @Test
    void aNegativeDeltaShiftsBackwards() {
        Response r = Response.builder().headers(Headers.of("Date", "Wed, 01 Jan 2020 00:00:00 GMT"))
                .timestampStart(NOW).build();
        r.refresh(RECORDED);
        assertEquals("Mon, 30 Dec 2019 23:00:00 GMT", r.headers().get("Date"));
    }
}
