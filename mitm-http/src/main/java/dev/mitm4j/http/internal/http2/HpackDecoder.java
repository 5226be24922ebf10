package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.Http2ErrorCode.COMPRESSION_ERROR;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes HPACK field blocks (RFC 7541) received on one connection, keeping the peer encoder's
 * dynamic table in step. Names and values become ISO-8859-1 strings, one char per octet, as
 * {@link Headers} holds them; nothing is validated here beyond HPACK itself (see {@code
 * Http2Fields}).
 *
 * <p>Limits: the dynamic table never exceeds the SETTINGS_HEADER_TABLE_SIZE in force ({@link
 * #tableSizeSetting}); a size update above it, or a missing update after the setting shrank
 * below the table's size, is a decoding error. A block whose field list exceeds {@code
 * maxListSize} (RFC 9113 section 6.5.2: octets of names and values plus 32 per field) is still
 * decoded to the end, so that the table stays in step, but its fields are dropped as soon as the
 * limit is passed: memory stays bounded and {@link Block#overLimit()} reports it.
 *
 * <p>Errors: any decoding error is a connection error of type COMPRESSION_ERROR (RFC 9113
 * section 4.3) naming the problem and its offset in the block. Not thread-safe: the connection's
 * reader thread owns it.
 */
public final class HpackDecoder {
    /**
     * One decoded block.
     *
     * @param fields the fields in order; empty when {@code overLimit}
     * @param neverIndexed the names of fields sent as never-indexed literals (section 6.2.3),
     *     which an intermediary must re-encode the same way
     * @param listSize the field list size of the whole block
     * @param overLimit whether {@code listSize} exceeded the limit
     */
    public record Block(List<Headers.Field> fields, Set<String> neverIndexed, long listSize,
            boolean overLimit) {}

    private final HpackDynamicTable table;
    private final int maxListSize;
    private int tableSizeSetting;
    private boolean updateRequired;

    // per block
    private byte[] in = new byte[0];
    private int pos;
    private int end;

    /**
     * @param tableSizeSetting the SETTINGS_HEADER_TABLE_SIZE in force (4096 until changed)
     * @param maxListSize the largest field list kept
     */
    public HpackDecoder(int tableSizeSetting, int maxListSize) {
        this.table = new HpackDynamicTable(tableSizeSetting, false);
        this.tableSizeSetting = tableSizeSetting;
        this.maxListSize = maxListSize;
    }

    /**
     * Applies a new SETTINGS_HEADER_TABLE_SIZE once the peer acknowledged it. When it is below the
     * table's current maximum, the next block must start with a size update (section 4.2).
     */
    public void tableSizeSetting(int size) {
        if (size < table.maxSize()) {
            updateRequired = true;
        }
        tableSizeSetting = size;
    }

    /** {@return the dynamic table's current maximum size} */
    public int tableMaxSize() {
        return table.maxSize();
    }

    /** {@return the decoded block} */
    public Block decode(byte[] block) throws Http2ConnectionException {
        return decode(block, 0, block.length);
    }

    /** {@return the decoded block of {@code length} bytes at {@code offset}} */
    public Block decode(byte[] block, int offset, int length) throws Http2ConnectionException {
        this.in = block;
        this.pos = offset;
        this.end = offset + length;
        List<Headers.Field> fields = new ArrayList<>();
        Set<String> neverIndexed = Set.of();
        long listSize = 0;
        boolean fieldSeen = false;
        while (pos < end) {
            int b = in[pos] & 0xff;
            if ((b & 0xe0) == 0x20) {
                sizeUpdate(fieldSeen, offset);
                continue;
            }
            if (updateRequired) {
                throw error("dynamic table size update missing after SETTINGS", offset);
            }
            fieldSeen = true;
            Headers.Field field = field(b, offset);
            listSize += field.name().length() + field.value().length()
                    + HpackDynamicTable.ENTRY_OVERHEAD;
            if (listSize <= maxListSize) {
                fields.add(field);
            }
            if ((b & 0xf0) == 0x10) {
                if (neverIndexed.isEmpty()) {
                    neverIndexed = new TreeSet<>();
                }
                neverIndexed.add(field.name());
            }
        }
        if (updateRequired) {
            throw error("dynamic table size update missing after SETTINGS", offset);
        }
        boolean over = listSize > maxListSize;
        return new Block(over ? List.of() : fields, neverIndexed, listSize, over);
    }

    private void sizeUpdate(boolean fieldSeen, int base) throws Http2ConnectionException {
        if (fieldSeen) {
            throw error("dynamic table size update after a field", base);
        }
        int at = pos;
        int size = readInt(5, base);
        if (size > tableSizeSetting) {
            pos = at;
            throw error("dynamic table size update to " + size + " above the setting "
                    + tableSizeSetting, base);
        }
        table.maxSize(size);
        updateRequired = false;
    }

    /** Reads one field representation whose first octet is {@code b}. */
    private Headers.Field field(int b, int base) throws Http2ConnectionException {
        if ((b & 0x80) != 0) {
            int at = pos;
            int index = readInt(7, base);
            if (index == 0) {
                pos = at;
                throw error("indexed field with index 0", base);
            }
            return entry(index, at, base);
        }
        boolean indexing = (b & 0x40) != 0;
        int at = pos;
        int index = readInt(indexing ? 6 : 4, base);
        String name = index == 0 ? readString(base) : entry(index, at, base).name();
        String value = readString(base);
        if (indexing) {
            table.add(name, value);
        }
        return new Headers.Field(name, value);
    }

    private Headers.Field entry(int index, int at, int base) throws Http2ConnectionException {
        if (index <= HpackStaticTable.SIZE) {
            return new Headers.Field(HpackStaticTable.name(index), HpackStaticTable.value(index));
        }
        int dynamic = index - HpackStaticTable.SIZE;
        if (dynamic > table.count()) {
            pos = at;
            throw error("index " + index + " beyond the tables (" + table.count()
                    + " dynamic entries)", base);
        }
        HpackDynamicTable.Key key = table.get(dynamic);
        return new Headers.Field(key.name(), key.value());
    }

    /** Reads an integer with an N-bit prefix (section 5.1), refusing values above 2^31-1. */
    private int readInt(int prefixBits, int base) throws Http2ConnectionException {
        int max = (1 << prefixBits) - 1;
        int value = in[pos++] & max;
        if (value < max) {
            return value;
        }
        long result = max;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end) {
                throw error("integer truncated", base);
            }
            int b = in[pos++] & 0xff;
            result += (long) (b & 0x7f) << shift;
            if (result > Integer.MAX_VALUE) {
                throw error("integer above 2^31-1", base);
            }
            if ((b & 0x80) == 0) {
                return (int) result;
            }
        }
    }

    /** Reads a string literal (section 5.2), Huffman-decoded when flagged. */
    private String readString(int base) throws Http2ConnectionException {
        if (pos >= end) {
            throw error("string literal missing", base);
        }
        boolean huffman = (in[pos] & 0x80) != 0;
        int length = readInt(7, base);
        if (length > end - pos) {
            throw error("string literal of " + length + " bytes beyond the block", base);
        }
        int start = pos;
        pos += length;
        if (!huffman) {
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        try {
            byte[] decoded = Huffman.decode(in, start, length);
            return new String(decoded, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error(e.getMessage(), base);
        }
    }

    private Http2ConnectionException error(String problem, int base) {
        return new Http2ConnectionException(COMPRESSION_ERROR,
                "HPACK: " + problem + " at block offset " + (pos - base), -1);
    }
}
