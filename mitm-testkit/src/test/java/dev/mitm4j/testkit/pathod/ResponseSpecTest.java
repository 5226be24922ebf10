package dev.mitm4j.testkit.pathod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ResponseSpecTest {

    @Test
    void parsesTheIssueExample() {
        ResponseSpec spec = ResponseSpec.parse("200:b@100:h\"X\"=\"y\":c\"text/json\":da");

        assertEquals(200, spec.code());
        assertEquals(new Value.Generated(100, "bytes"), spec.body());
        assertEquals(List.of(new Header(Value.literal("X"), Value.literal("y")),
                new Header(Value.literal("Content-Type"), Value.literal("text/json"))),
                spec.headers());
        assertEquals(List.of(new Action.Disconnect(new Offset(Offset.Kind.END, 0))),
                spec.actions());
        assertEquals("200:h\"X\"=\"y\":h\"Content-Type\"=\"text/json\":b@100:da",
                spec.toString());
    }

    @Test
    void sizesTakeBinarySuffixesAndDataTypes() {
        assertEquals(new Value.Generated(1024, "ascii_letters"),
                ResponseSpec.parse("200:b@1k,ascii_letters").body());
        assertEquals(3L << 20, ResponseSpec.parse("200:b@3m").body().length());
        assertEquals(1L << 30, ResponseSpec.parse("200:b@1g").body().length());
        assertEquals(7, ResponseSpec.parse("200:b@7b").body().length());
    }

    @Test
    void parsesReasonRawLocationPausesAndInjections() {
        ResponseSpec spec = ResponseSpec.parse(
                "302:m'Moved':l'/next':r:p50,120:pr,f:i15,'o':ir,@1:d10");

        assertEquals("Moved", spec.reason().text());
        assertTrue(spec.raw());
        assertEquals("Location", spec.headers().get(0).name().text());
        assertEquals(List.of(
                new Action.Pause(new Offset(Offset.Kind.INDEX, 50), Duration.ofSeconds(120)),
                new Action.Pause(new Offset(Offset.Kind.RANDOM, 0), null),
                new Action.Inject(new Offset(Offset.Kind.INDEX, 15), Value.literal("o")),
                new Action.Inject(new Offset(Offset.Kind.RANDOM, 0),
                        new Value.Generated(1, "bytes")),
                new Action.Disconnect(new Offset(Offset.Kind.INDEX, 10))), spec.actions());
    }

    @Test
    void literalsUnescapePythonStyle() {
        assertEquals("fo'o\r\n\u00ff", ResponseSpec.parse("200:b'fo\\'o\\r\\n\\xff'").body()
                .text());
    }

    @Test
    void badSpecsNameTheProblemAndPointAtIt() {
        PathodSpecException e = assertThrows(PathodSpecException.class,
                () -> ResponseSpec.parse("200:b@100:zz"));
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().startsWith("unknown feature 'z' at offset 10\n200:b@100:zz\n"
                + "          ^"), e.getMessage());
        assertThrows(PathodSpecException.class, () -> ResponseSpec.parse("foo"));
        assertThrows(PathodSpecException.class, () -> ResponseSpec.parse("200:b'open"));
        assertThrows(PathodSpecException.class, () -> ResponseSpec.parse("200:b@1k,klingon"));
        assertThrows(PathodSpecException.class, () -> ResponseSpec.parse("200:b<file"));
    }

    @Test
    void writesTheMessageWithContentLengthUnlessRaw() throws Exception {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", write("200:b'hi'"));
        assertEquals("HTTP/1.1 404 Gone fishing\r\n\r\nhi", write("404:m'Gone fishing':r:b'hi'"));
    }

    @Test
    void injectionsAndDisconnectsApplyAtBaseOffsets() throws Exception {
        String full = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody";
        assertEquals(full.substring(0, 5) + "XX" + full.substring(5), write("200:b'body':i5,'XX'"));
        assertEquals(full.substring(0, full.length() - 2), write("200:b'body':d" + (full.length()
                - 2)));
        assertEquals(full + "!", write("200:b'body':ia,'!'"));
    }

    @Test
    void pausesAreHandedToThePauserInOffsetOrder() throws Exception {
        List<@Nullable Duration> pauses = new ArrayList<>();
        ResponseSpec spec = ResponseSpec.parse("200:b'body':p3,7:p1,f");
        spec.message().writeTo(new ByteArrayOutputStream(), spec.actions(), pauses::add);
        assertEquals(2, pauses.size());
        assertNull(pauses.get(0));
        assertEquals(Duration.ofSeconds(7), pauses.get(1));
    }

    @Test
    void generatedDataUsesItsAlphabet() throws Exception {
        String body = write("200:b@2k,digits:r");
        String digits = body.substring(body.indexOf("\r\n\r\n") + 4);
        assertEquals(2048, digits.length());
        assertTrue(digits.chars().allMatch(Character::isDigit), digits);
    }

    private static String write(String spec) throws Exception {
        ResponseSpec parsed = ResponseSpec.parse(spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parsed.message().writeTo(out, parsed.actions(), d -> {});
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
