package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import okio.Buffer;

/**
 * Encodes field lists as HPACK blocks (RFC 7541) for one connection, with a dynamic table bounded
 * by the peer's SETTINGS_HEADER_TABLE_SIZE and this encoder's own {@code maxTableSize}, whichever
 * is smaller. A change of the peer's setting is signalled by size updates at the start of the next
 * block (section 4.2: the smallest size since the last block, then the final one).
 *
 * <p>Policy: a field found whole in a table is sent as an index; a field of a sensitive name
 * (credentials, short cookies, or any name the caller marks never-indexed) is sent as a
 * never-indexed literal (section 7.1.3); fields that change on every message ({@code :path},
 * {@code content-length}, dates, validators) and fields larger than half the table are sent
 * without indexing; everything else is added to the table. Strings are Huffman-coded when that is
 * shorter. Names must already be lowercase; the encoder does not validate (see {@code
 * Http2Fields}).
 *
 * <p>Not thread-safe: the connection encodes under its write lock, so that blocks reach the wire
 * in the order they were encoded.
 */
public final class HpackEncoder {
    /** Names whose values change per message: indexing them would only churn the table. */
    private static final Set<String> NOT_INDEXED = Set.of(":path", "content-length", "date",
            "etag", "last-modified", "if-modified-since", "if-none-match", "age", "location");
    /** Names whose values are credentials (RFC 7541 section 7.1.3). */
    private static final Set<String> SENSITIVE = Set.of("authorization",
            "proxy-authorization");
    /** Cookies shorter than this are never indexed: short ones are easy to guess. */
    private static final int SHORT_COOKIE = 20;

    private final HpackDynamicTable table;
    private final int maxTableSize;
    private int peerSetting = Http2Settings.DEFAULT_HEADER_TABLE_SIZE;
    private int smallestSinceBlock = Integer.MAX_VALUE;
    private boolean updatePending;

    /** @param maxTableSize the most table this side is willing to keep per connection */
    public HpackEncoder(int maxTableSize) {
        this.maxTableSize = maxTableSize;
        this.table = new HpackDynamicTable(
                Math.min(maxTableSize, Http2Settings.DEFAULT_HEADER_TABLE_SIZE), true);
        if (maxTableSize < Http2Settings.DEFAULT_HEADER_TABLE_SIZE) {
            tableSizeSetting(Http2Settings.DEFAULT_HEADER_TABLE_SIZE); // announce the smaller table
        }
    }

    /** Applies the peer's SETTINGS_HEADER_TABLE_SIZE; the size updates go out with the next block. */
    public void tableSizeSetting(int size) {
        peerSetting = size;
        int effective = Math.min(size, maxTableSize);
        smallestSinceBlock = Math.min(smallestSinceBlock, effective);
        updatePending = true;
    }

    /** {@return the dynamic table's current maximum size} */
    public int tableMaxSize() {
        return table.maxSize();
    }

    /** Encodes {@code fields} as one block onto {@code sink}. */
    public void encode(Iterable<Headers.Field> fields, Set<String> neverIndexed, Buffer sink) {
        if (updatePending) {
            int target = Math.min(peerSetting, maxTableSize);
            if (smallestSinceBlock < target) {
                sizeUpdate(smallestSinceBlock, sink);
            }
            sizeUpdate(target, sink);
            updatePending = false;
            smallestSinceBlock = Integer.MAX_VALUE;
        }
        for (Headers.Field field : fields) {
            encode(field.name(), field.value(), neverIndexed, sink);
        }
    }

    private void sizeUpdate(int size, Buffer sink) {
        table.maxSize(size);
        writeInt(size, 5, 0x20, sink);
    }

    private void encode(String name, String value, Set<String> neverIndexed, Buffer sink) {
        boolean sensitive = SENSITIVE.contains(name) || neverIndexed.contains(name)
                || (name.equals("cookie") && value.length() < SHORT_COOKIE);
        if (!sensitive) {
            int index = HpackStaticTable.indexOf(name, value);
            if (index == 0) {
                int dynamic = table.indexOf(name, value);
                index = dynamic == 0 ? 0 : dynamic + HpackStaticTable.SIZE;
            }
            if (index != 0) {
                writeInt(index, 7, 0x80, sink);
                return;
            }
        }
        int nameIndex = nameIndex(name);
        int entrySize = name.length() + value.length() + HpackDynamicTable.ENTRY_OVERHEAD;
        if (sensitive) {
            writeInt(nameIndex, 4, 0x10, sink);
        } else if (NOT_INDEXED.contains(name) || entrySize > table.maxSize() / 2) {
            writeInt(nameIndex, 4, 0x00, sink);
        } else {
            writeInt(nameIndex, 6, 0x40, sink);
            table.add(name, value);
        }
        if (nameIndex == 0) {
            writeString(name, sink);
        }
        writeString(value, sink);
    }

    private int nameIndex(String name) {
        int index = HpackStaticTable.indexOfName(name);
        if (index == 0) {
            int dynamic = table.indexOfName(name);
            index = dynamic == 0 ? 0 : dynamic + HpackStaticTable.SIZE;
        }
        return index;
    }

    private static void writeString(String s, Buffer sink) {
        int huffman = Huffman.encodedLength(s);
        if (huffman < s.length()) {
            writeInt(huffman, 7, 0x80, sink);
            Huffman.encode(s, sink);
        } else {
            writeInt(s.length(), 7, 0x00, sink);
            sink.writeString(s, StandardCharsets.ISO_8859_1);
        }
    }

    /** Writes an integer with an N-bit prefix (RFC 7541 section 5.1) after the {@code flags}. */
    private static void writeInt(int value, int prefixBits, int flags, Buffer sink) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            sink.writeByte(flags | value);
            return;
        }
        sink.writeByte(flags | max);
        value -= max;
        while (value >= 0x80) {
            sink.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        sink.writeByte(value);
    }
}
