package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.internal.TrustedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void lookupIgnoresCaseButKeepsOriginalCase() {
        Headers headers = Headers.of("Content-Type", "text/html");
        assertEquals("text/html", headers.get("content-type"));
        assertEquals("text/html", headers.get("CONTENT-TYPE"));
        assertEquals("Content-Type", headers.fields().get(0).name());
        assertTrue(headers.contains("content-TYPE"));
        assertFalse(headers.contains("Content-Length"));
        assertNull(headers.get("Content-Length"));
    }

    @Test
    void getFoldsDuplicatesWithCommaSpace() {
        Headers headers = Headers.of("Accept", "a", "X", "1", "accept", "b");
        assertEquals("a, b", headers.get("ACCEPT"));
        assertEquals(List.of("a", "b"), headers.getAll("accept"));
    }

    @Test
    void getReturnsOnlyTheFirstSetCookieBecauseCookiesCannotBeFolded() {
        Headers headers = Headers.of(
                "Set-Cookie", "a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT", "set-cookie", "b=2");
        assertEquals("a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT", headers.get("Set-Cookie"));
        assertEquals(2, headers.getAll("SET-COOKIE").size());
    }

    @Test
    void setReplacesEveryFieldOfThatNameAtThePositionOfTheFirst() {
        Headers headers = Headers.of("A", "1", "B", "2", "a", "3", "C", "4");
        headers.set("a", "9");
        assertEquals(Headers.of("a", "9", "B", "2", "C", "4"), headers);
    }

    @Test
    void setAppendsWhenTheNameIsAbsent() {
        Headers headers = Headers.of("A", "1");
        headers.set("B", "2");
        assertEquals(Headers.of("A", "1", "B", "2"), headers);
    }

    @Test
    void setAllPutsEveryValueWhereTheFirstWasAndEmptyRemoves() {
        Headers headers = Headers.of("X", "0", "Cookie", "a", "Y", "1", "cookie", "b");
        headers.setAll("Cookie", List.of("c", "d"));
        assertEquals(Headers.of("X", "0", "Cookie", "c", "Cookie", "d", "Y", "1"), headers);
        headers.setAll("cookie", List.of());
        assertEquals(Headers.of("X", "0", "Y", "1"), headers);
    }

    @Test
    void addAppendsAndInsertPlacesAtIndex() {
        Headers headers = Headers.of("A", "1");
        headers.add("a", "2");
        headers.insert(0, "Z", "0");
        assertEquals(Headers.of("Z", "0", "A", "1", "a", "2"), headers);
        assertThrows(IndexOutOfBoundsException.class, () -> headers.insert(4, "Q", "q"));
    }

    @Test
    void removeReportsWhetherSomethingWasRemoved() {
        Headers headers = Headers.of("A", "1", "B", "2", "a", "3");
        assertTrue(headers.remove("A"));
        assertFalse(headers.remove("A"));
        assertEquals(Headers.of("B", "2"), headers);
    }

    @Test
    void replaceWorksOnNameColonValueLinesAndCounts() {
        Headers headers = Headers.of("Host", "example.com", "Referer", "http://example.com/x");
        int count = headers.replace("example\\.com", "example.org");
        assertEquals(2, count);
        assertEquals(Headers.of("Host", "example.org", "Referer", "http://example.org/x"), headers);
    }

    @Test
    void replaceCanRenameAFieldWithGroups() {
        Headers headers = Headers.of("X-Old", "v");
        assertEquals(1, headers.replace("^X-Old: (.*)$", "X-New: $1"));
        assertEquals("v", headers.get("x-new"));
    }

    @Test
    void replaceKeepsALineWhoseSeparatorWasDestroyed() {
        Headers headers = Headers.of("A", "1");
        assertEquals(0, headers.replace(": ", "="));
        assertEquals(Headers.of("A", "1"), headers);
    }

    @Test
    void toHttp1BytesReturnsTheRawBlockUntilTheFirstMutation() {
        byte[] raw = latin1("host:   example.com  \r\nX-A: 1\r\n\r\n");
        Headers headers = TrustedHeaders.of(
                List.of(new Headers.Field("host", "example.com"), new Headers.Field("X-A", "1")),
                raw);
        assertArrayEquals(raw, headers.toHttp1Bytes());
        assertTrue(headers.isRaw());
        headers.add("X-B", "2");
        assertFalse(headers.isRaw());
        assertArrayEquals(latin1("host: example.com\r\nX-A: 1\r\nX-B: 2\r\n\r\n"),
                headers.toHttp1Bytes());
    }

    @Test
    void readingDoesNotDropTheRawBlockButAFailedRemoveDoesNotEither() {
        byte[] raw = latin1("A:1\r\n\r\n");
        Headers headers = TrustedHeaders.of(List.of(new Headers.Field("A", "1")), raw);
        headers.get("a");
        headers.getAll("a");
        headers.remove("missing");
        headers.replace("nothing-matches", "x");
        assertArrayEquals(raw, headers.toHttp1Bytes());
    }

    @Test
    void everyLatin1ByteRoundTrips() {
        StringBuilder value = new StringBuilder();
        for (int b = 0x80; b <= 0xFF; b++) {
            value.append((char) b);
        }
        Headers headers = Headers.of("X", value.toString());
        byte[] bytes = headers.toHttp1Bytes();
        assertEquals("X: " + value + "\r\n\r\n", new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Test
    void emptyHeadersSerialiseToTheEmptyLine() {
        assertArrayEquals(latin1("\r\n"), new Headers().toHttp1Bytes());
        assertTrue(new Headers().isEmpty());
    }

    @Test
    void copyIsIndependent() {
        Headers original = Headers.of("A", "1");
        Headers copy = original.copy();
        copy.set("A", "2");
        assertEquals("1", original.get("A"));
        assertEquals(1, copy.size());
    }

    @Test
    void fieldsViewIsUnmodifiable() {
        Headers headers = Headers.of("A", "1");
        assertThrows(UnsupportedOperationException.class,
                () -> headers.fields().add(new Headers.Field("B", "2")));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = headers.iterator();
            it.next();
            it.remove();
        });
    }

    @Test
    void ofRejectsAnOddNumberOfStrings() {
        var e = assertThrows(IllegalArgumentException.class, () -> Headers.of("A"));
        assertTrue(e.getMessage().contains("pairs"));
    }
}
