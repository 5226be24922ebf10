package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpackDecoderTest {
    private final HpackDecoder decoder = new HpackDecoder(4096, 64 * 1024);

    private static List<Headers.Field> fields(String... namesAndValues) {
        return Headers.of(namesAndValues).fields();
    }

    @Test
    void decodesTheRequestExamplesOfRfc7541AppendixC3SharingOneTable() throws Exception {
        assertEquals(fields(":method", "GET", ":scheme", "http", ":path", "/",
                        ":authority", "www.example.com"),
                decoder.decode(hex("828684410f7777772e6578616d706c652e636f6d")).fields());
        assertEquals(fields(":method", "GET", ":scheme", "http", ":path", "/",
                        ":authority", "www.example.com", "cache-control", "no-cache"),
                decoder.decode(hex("828684be58086e6f2d6361636865")).fields());
        assertEquals(fields(":method", "GET", ":scheme", "https", ":path", "/index.html",
                        ":authority", "www.example.com", "custom-key", "custom-value"),
                decoder.decode(hex("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"))
                        .fields());
    }

    @Test
    void decodesHuffmanStringsOfRfc7541AppendixC4() throws Exception {
        assertEquals(fields(":method", "GET", ":scheme", "http", ":path", "/",
                        ":authority", "www.example.com"),
                decoder.decode(hex("828684418cf1e3c2e5f23a6ba0ab90f4ff")).fields());
    }

    @Test
    void reportsNeverIndexedNamesSoAnIntermediaryCanKeepThemSo() throws Exception {
        // 0x10: literal never indexed, new name "password", value "secret" (RFC 7541 C.2.3)
        HpackDecoder.Block block = decoder.decode(hex("100870617373776f726406736563726574"));
        assertEquals(fields("password", "secret"), block.fields());
        assertEquals(Set.of("password"), block.neverIndexed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "indexed field with index 0, 80",
            "index beyond the tables, be",
            "size update above the setting, 3fe21f",
            "size update after a field, 8220",
            "integer above 2^31-1, ff ff ff ff ff 0f",
            "integer truncated, ff 80",
            "string literal beyond the block, 4005 61",
            "string literal missing, 4001 61",
            "EOS inside a Huffman string, 4001 61 84 ffffffff",
            "Huffman padding not all ones, 4001 61 81 18",
            "Huffman padding longer than 7 bits, 4001 61 82 1fff",
    })
    void malformedBlocksAreCompressionErrors(String name, String hex) {
        byte[] block = hex(hex.replace(" ", ""));
        Http2ConnectionException e = assertThrows(Http2ConnectionException.class,
                () -> decoder.decode(block));
        assertEquals(Http2ErrorCode.COMPRESSION_ERROR, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("block offset"), e.getMessage());
    }

    @Test
    void aShrunkenSettingRequiresASizeUpdateAtTheStartOfTheNextBlock() throws Exception {
        decoder.tableSizeSetting(100);
        assertThrows(Http2ConnectionException.class, () -> decoder.decode(hex("82")));
        HpackDecoder fresh = new HpackDecoder(4096, 1024);
        fresh.tableSizeSetting(100);
        assertEquals(fields(":method", "GET"), fresh.decode(hex("3f4582")).fields());
        assertEquals(100, fresh.tableMaxSize());
    }

    @Test
    void aBlockOverTheListSizeIsDecodedToTheEndButItsFieldsAreDropped() throws Exception {
        HpackDecoder small = new HpackDecoder(4096, 40);
        // two literals with incremental indexing: a: b (34), c: d (34)
        HpackDecoder.Block over = small.decode(hex("400161016240016301 64".replace(" ", "")));
        assertTrue(over.overLimit());
        assertEquals(List.of(), over.fields());
        assertEquals(68, over.listSize());
        // the table kept both entries: 0xbe is c: d (newest), 0xbf is a: b
        assertEquals(fields("c", "d", "a", "b"),
                new HpackDecoder(4096, 1024).decode(hex("400161016240016301 64be bf"
                        .replace(" ", ""))).fields().subList(2, 4));
        assertEquals(fields("c", "d"), small.decode(hex("be")).fields());
    }

    @Test
    void ourEncoderSignalsATableSizeChangeThatTheDecoderHonours() throws Exception {
        HpackEncoder encoder = new HpackEncoder(4096);
        Buffer wire = new Buffer();
        encoder.encode(fields("x-a", "1"), Set.of(), wire);
        decoder.decode(wire.readByteArray());
        decoder.tableSizeSetting(0);
        encoder.tableSizeSetting(0);
        encoder.encode(fields("x-a", "1"), Set.of(), wire);
        byte[] block = wire.readByteArray();
        assertEquals(0x20, block[0] & 0xff, "a size update to 0 comes first");
        assertEquals(fields("x-a", "1"), decoder.decode(block).fields());
        assertEquals(0, decoder.tableMaxSize());
    }

    @Test
    void credentialsAndMarkedNamesAreNeverIndexed() throws Exception {
        HpackEncoder encoder = new HpackEncoder(4096);
        Buffer wire = new Buffer();
        encoder.encode(fields("authorization", "Basic YQ==", "x-token", "t", "cookie", "a=1",
                "accept", "*/*"), Set.of("x-token"), wire);
        HpackDecoder.Block block = decoder.decode(wire.readByteArray());
        assertEquals(Set.of("authorization", "x-token", "cookie"), block.neverIndexed());
    }
}
