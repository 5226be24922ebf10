package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mitm4j.http.Headers;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every story of the hpack-test-case corpus, decoded from other encoders and round-tripped. */
class HpackStoriesTest {
    private static final int UNLIMITED = Integer.MAX_VALUE;

    static Stream<HpackStories.Story> encoded() {
        return Stream.of("nghttp2", "python-hpack", "nghttp2-change-table-size")
                .flatMap(HpackStories::of);
    }

    static Stream<HpackStories.Story> raw() {
        return HpackStories.of("raw-data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoded")
    void otherEncodersWireDataDecodesToTheStoryHeaders(HpackStories.Story story) throws Exception {
        HpackDecoder decoder = new HpackDecoder(4096, UNLIMITED);
        int seq = 0;
        for (HpackStories.Case c : story.cases()) {
            if (c.tableSize() >= 0) {
                decoder.tableSizeSetting(c.tableSize());
            }
            byte[] wire = c.wire();
            assertNotNull(wire);
            HpackDecoder.Block block = decoder.decode(wire);
            assertFalse(block.overLimit());
            assertEquals(c.headers(), block.fields(), story + " case " + seq);
            seq++;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("raw")
    void rawStoriesEncodedByUsDecodeBackToTheSameHeaders(HpackStories.Story story)
            throws Exception {
        roundTrip(story, 4096, 4096);
    }

    @ParameterizedTest(name = "table size {0}")
    @ValueSource(ints = {0, 256, 65536})
    void everyRawStoryRoundTripsWhateverTheTableSize(int size) throws Exception {
        for (HpackStories.Story story : raw().toList()) {
            roundTrip(story, size, Math.min(size, 4096));
        }
    }

    /**
     * The decoder's side advertises {@code setting}; the encoder keeps at most 4096 of it, and
     * both tables end at {@code expectedMax}.
     */
    private static void roundTrip(HpackStories.Story story, int setting, int expectedMax)
            throws Exception {
        HpackEncoder encoder = new HpackEncoder(4096);
        HpackDecoder decoder = new HpackDecoder(4096, UNLIMITED);
        decoder.tableSizeSetting(setting);
        encoder.tableSizeSetting(setting);
        int seq = 0;
        for (HpackStories.Case c : story.cases()) {
            Buffer wire = new Buffer();
            encoder.encode(c.headers(), Set.of(), wire);
            List<Headers.Field> back = decoder.decode(wire.readByteArray()).fields();
            assertEquals(c.headers(), back, story + " case " + seq);
            assertEquals(encoder.tableMaxSize(), decoder.tableMaxSize());
            seq++;
        }
        assertEquals(expectedMax, decoder.tableMaxSize(), story.toString());
    }
}
