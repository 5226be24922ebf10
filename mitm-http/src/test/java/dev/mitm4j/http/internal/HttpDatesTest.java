package dev.mitm4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The three HTTP date formats (RFC 9110 section 5.6.7) plus zones, and IMF-fixdate output. */
class HttpDatesTest {
    private static final Instant T = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void readsImfFixdateRfc850AndAsctime() {
        assertEquals(T, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(T, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(T, HttpDates.parse("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void appliesNumericAndNamedZones() {
        assertEquals(T, HttpDates.parse("Sun, 06 Nov 1994 09:49:37 +0100"));
        assertEquals(T, HttpDates.parse("Sun, 06 Nov 1994 03:49:37 EST"));
        assertEquals(T, HttpDates.parse("06 Nov 1994 08:49:37 UTC"));
    }

    @Test
    void rejectsWhatIsNotADate() {
        assertNull(HttpDates.parse("0"));
        assertNull(HttpDates.parse(""));
        assertNull(HttpDates.parse("Sun, 32 Nov 1994 08:49:37 GMT"));
        assertNull(HttpDates.parse("Sun, 06 Foo 1994 08:49:37 GMT"));
    }

    @Test
    void formatsAsImfFixdateWithTwoDigitDays() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(T));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(T.plusMillis(999)));
    }
}
