package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.internal.http1.Transcript.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mitm4j.http.Http1Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Http1CorpusTest {
    static List<Corpus.Case> cases() {
        return Corpus.CASES;
    }

    private static Transcript parse(Corpus.Case c, boolean oneByte) throws IOException {
        return parse(c, oneByte, Http1Limits.defaults());
    }

    private static Transcript parse(Corpus.Case c, boolean oneByte, Http1Limits limits)
            throws IOException {
        byte[] input = latin1(c.input());
        return c.method() == null
                ? Transcript.requests(input, oneByte, limits)
                : Transcript.responses(input, oneByte, limits, c.method());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsingOneByteAtATimeGivesTheSameResultAsParsingWhole(Corpus.Case c) throws IOException {
        Transcript whole = parse(c, false);
        Transcript slow = parse(c, true);
        assertEquals(whole.toString(), slow.toString());
        assertFalse(whole.toString().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lenientParsingOneByteAtATimeAlsoGivesTheSameResultAsParsingWhole(Corpus.Case c)
            throws IOException {
        Http1Limits lenient = Http1Limits.builder().strict(false).build();
        Transcript whole = parse(c, false, lenient);
        assertEquals(whole.toString(), parse(c, true, lenient).toString());
        if (c.error() == null) {
            assertNull(whole.error, () -> "lenient mode rejected a valid message: " + whole.error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validMessagesParseAndMalformedOnesFailWithTheExpectedType(Corpus.Case c)
            throws IOException {
        Transcript whole = parse(c, false);
        if (c.error() == null) {
            assertNull(whole.error, () -> "unexpected " + whole.error);
        } else {
            assertNotNull(whole.error, () -> "parsed: " + whole);
            assertInstanceOf(c.error(), whole.error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writingWhatWasReadReproducesTheInputByteForByte(Corpus.Case c) throws IOException {
        if (!c.roundTrip()) {
            return; // covered by the other two tests; this case normalises on purpose
        }
        Transcript whole = parse(c, false);
        assertEquals(c.input(), whole.written.readString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errorMessagesNeverContainHeaderValuesOrBodies(Corpus.Case c) throws IOException {
        Transcript whole = parse(c, true);
        if (whole.error == null) {
            return;
        }
        String message = whole.error.getMessage();
        for (String secret : List.of("example.com", "hello", "abc", "a\0b", "a\rb", "xyz")) {
            assertFalse(message.contains(secret), message);
        }
    }
}
