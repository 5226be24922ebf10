package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Message.text(): which charset a body is read and written with. */
class MessageTextTest {
    private static Response body(String contentType, byte[] raw) {
        Headers h = contentType == null ? new Headers() : Headers.of("Content-Type", contentType);
        return Response.builder().headers(h).content(raw).build();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void charsetParameterWins() {
        assertEquals("é", body("text/plain; charset=utf-8", bytes(0xC3, 0xA9)).text());
        assertEquals("é", body("text/plain; charset=\"UTF-8\"", bytes(0xC3, 0xA9)).text());
        assertEquals("€", body("text/html; charset=windows-1252", bytes(0x80)).text());
    }

    @Test
    void withoutAnyHintTheBodyIsLatin1() {
        assertEquals("Ã©", body(null, bytes(0xC3, 0xA9)).text());
        assertEquals("é", body("text/plain", bytes(0xE9)).text());
    }

    @Test
    void jsonJavascriptAndCssDefaultToUtf8() {
        assertEquals("é", body("application/json", bytes(0xC3, 0xA9)).text());
        assertEquals("é", body("application/javascript", bytes(0xC3, 0xA9)).text());
        assertEquals("é", body("text/css", bytes(0xC3, 0xA9)).text());
    }

    @Test
    void htmlUsesItsMetaCharsetElseUtf8() {
        byte[] declared = "<meta charset=\"windows-1252\"><p>\u0080".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("<meta charset=\"windows-1252\"><p>€", body("text/html", declared).text());
        assertEquals("é", body("text/html", bytes(0xC3, 0xA9)).text());
    }

    @Test
    void xmlUsesItsDeclarationElseUtf8() {
        byte[] declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\u00e9</a>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>",
                body("application/xml", declared).text());
        assertEquals("é", body("text/xml", bytes(0xC3, 0xA9)).text());
    }

    @Test
    void cssUsesItsCharsetRule() {
        byte[] css = "@charset \"iso-8859-1\";\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("@charset \"iso-8859-1\";é", body("text/css", css).text());
    }

    @Test
    void aByteOrderMarkBeatsTheHeader() {
        assertEquals("hi", body("text/plain; charset=latin-1", bytes(0xEF, 0xBB, 0xBF, 'h', 'i')).text());
        assertEquals("\uFEFFhi", body(null, bytes(0xFF, 0xFE, 'h', 0, 'i', 0)).text());
        assertEquals("\uFEFFhi", body(null, bytes(0xFE, 0xFF, 0, 'h', 0, 'i')).text());
    }

    @Test
    void gb2312IsReadAsGb18030() {
        byte[] zhong = "中".getBytes(java.nio.charset.Charset.forName("GB18030"));
        assertEquals("中", body("text/plain; charset=gb2312", zhong).text());
    }

    @Test
    void malformedTextThrowsWhenStrictAndIsReplacedWhenLenient() {
        Response r = body("text/plain; charset=utf-8", bytes('a', 0xFF));
        ContentDecodingException e = assertThrows(ContentDecodingException.class, r::text);
        assertEquals("utf-8", e.encoding());
        assertEquals("a\uFFFD", r.text(false));
    }

    @Test
    void unknownCharsetThrowsWhenStrictAndFallsBackToUtf8WhenLenient() {
        Response r = body("text/plain; charset=x-no-such", bytes(0xC3, 0xA9));
        assertThrows(ContentDecodingException.class, r::text);
        assertEquals("é", r.text(false));
    }

    @Test
    void settingTextUsesTheInferredCharset() {
        Response r = body("text/plain; charset=iso-8859-1", new byte[0]);
        r.text("é");
        assertArrayEquals(bytes(0xE9), r.rawContent());
        Response json = body("application/json", new byte[0]);
        json.text("€");
        assertArrayEquals("€".getBytes(StandardCharsets.UTF_8), json.rawContent());
        assertEquals("application/json", json.headers().get("Content-Type"));
    }

    @Test
    void settingTextTheCharsetCannotHoldSwitchesToUtf8AndSaysSo() {
        Response r = body("text/html; charset=iso-8859-1", new byte[0]);
        r.text("€");
        assertArrayEquals("€".getBytes(StandardCharsets.UTF_8), r.rawContent());
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
        Response none = body(null, new byte[0]);
        none.text("€");
        assertEquals("text/plain; charset=utf-8", none.headers().get("Content-Type"));
        assertEquals("€", none.text());
        assertEquals("3", none.headers().get("Content-Length"));
    }

    @Test
    void switchingToUtf8KeepsTheOtherContentTypeParameters() {
        Response r = body("text/html; charset=latin1; foo=bar", new byte[0]);
        r.text("☃");
        assertEquals("text/html; charset=utf-8; foo=bar", r.headers().get("Content-Type"));
        assertArrayEquals(bytes(0xE2, 0x98, 0x83), r.rawContent());
        Response gibberish = body("gibberish", new byte[0]);
        gibberish.text("☃");
        assertEquals("text/plain; charset=utf-8", gibberish.headers().get("Content-Type"));
    }

    @Test
    void cssCharsetRuleCountsOnlyForCssAndOnlyAtTheStart() {
        byte[] css = "@charset \"gb2312\";\u00e6\u0098\u008e\u00e4\u00bc\u00af"
                .getBytes(StandardCharsets.ISO_8859_1);
        String asGb = new String(css, java.nio.charset.Charset.forName("GB18030"));
        assertEquals(asGb, body("text/css", css).text());
        assertEquals(new String(css, StandardCharsets.ISO_8859_1), body(null, css).text());
    }
}
