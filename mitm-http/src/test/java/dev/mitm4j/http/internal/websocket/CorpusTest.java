package dev.mitm4j.http.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CorpusTest {
    static List<Corpus.Case> valid() {
        return Corpus.VALID;
    }

    static List<Corpus.Case> malformed() {
        return Corpus.MALFORMED;
    }

    private static Transcript read(Corpus.Case c, boolean oneByte) {
        MessageInflater inflater = c.deflate() ? new MessageInflater(false) : null;
        return Transcript.read(c.input(), oneByte, c.sender(), c.limits(), inflater);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStreamsYieldTheirMessagesInWireOrder(Corpus.Case c) {
        Transcript t = read(c, false);
        assertNull(t.error, () -> "refused: " + t.error);
        assertNull(t.otherError);
        assertEquals(c.expected(), t.items);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedStreamsAreRefusedWithTheRightCloseCodeBeforeAnyMessageIsDelivered(
            Corpus.Case c) {
        Transcript t = read(c, false);
        assertNotNull(t.error, () -> "accepted: " + t.items);
        assertEquals(c.closeCode(), t.error.closeCode(), t.error::getMessage);
        assertEquals(List.of(), t.items, "nothing delivered");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"valid", "malformed"})
    void readingOneByteAtATimeGivesTheSameResultAndErrorOffsetAsReadingWhole(Corpus.Case c) {
        Transcript whole = read(c, false);
        Transcript slow = read(c, true);
        assertEquals(whole.toString(), slow.toString());
        if (whole.error != null) {
            assertEquals(whole.error.getMessage(), slow.error.getMessage());
        }
    }
}
