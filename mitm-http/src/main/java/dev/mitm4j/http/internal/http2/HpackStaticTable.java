package dev.mitm4j.http.internal.http2;

import java.util.HashMap;
import java.util.Map;

/**
 * The static table of HPACK (RFC 7541 Appendix A): 61 entries, index 1 to 61, with lookups by
 * name and by name and value for the encoder. Immutable and thread-safe.
 */
final class HpackStaticTable {
    /** Number of entries; dynamic table indexes start after it. */
    static final int SIZE = 61;

    private static final String[] NAMES_AND_VALUES = {
            
":authority", "",
            ":method", "GET",
            ":method", "POST",
            ":path", "/",
            ":path", "/index.html",
            ":scheme", "http",
            ":scheme", "https",
            ":status", "200",
            ":status", "204",
            ":status", "206",
            ":status", "304",
            ":status", "400",
            ":status", "404",
            ":status", "500",
            "accept-charset", "",
            "accept-encoding", "gzip, deflate",
            "accept-language", "",
            "accept-ranges", "",
            "accept", "",
            "access-control-allow-origin", "",
            "age", "",
            "allow", "",
            "authorization", "",
            "cache-control", "",
            "content-disposition", "",
            "content-encoding", "",
            "content-language", "",
            "content-length", "",
            "content-location", "",
            "content-range", "",
            "content-type", "",
            "cookie", "",
            "date", "",
            "etag", "",
            "expect", "",
            "expires", "",
            "from", "",
            "host", "",
            "if-match", "",
            "if-modified-since", "",
            "if-none-match", "",
            "if-range", "",
            "if-unmodified-since", "",
            "last-modified", "",
            "link", "",
            "location", "",
            "max-forwards", "",
            "proxy-authenticate", "",
            "proxy-authorization", "",
            "range", "",
            "referer", "",
            "refresh", "",
            "retry-after", "",
            "server", "",
            "set-cookie", "",
            "strict-transport-security", "",
            "transfer-encoding", "",
            "user-agent", "",
            "vary", "",
            "via", "",
            "www-authenticate", ""
    };

    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final Map<HpackDynamicTable.Key, Integer> BY_FIELD = new HashMap<>();

    static {
        for (int index = SIZE; index >= 1; index--) { // the lowest index wins
            BY_NAME.put(name(index), index);
            BY_FIELD.put(new HpackDynamicTable.Key(name(index), value(index)), index);
        }
    }

    private HpackStaticTable() {}

    /** {@return the name of entry {@code index} (1..61)} */
    static String name(int index) {
        return NAMES_AND_VALUES[(index - 1) * 2];
    }

    /** {@return the value of entry {@code index} (1..61)} */
    static String value(int index) {
        return NAMES_AND_VALUES[(index - 1) * 2 + 1];
    }

    /** {@return the lowest index with this name, or 0} */
    static int indexOfName(String name) {
        return BY_NAME.getOrDefault(name, 0);
    }

    /** {@return the index with this name and value, or 0} */
    static int indexOf(String name, String value) {
        return BY_FIELD.getOrDefault(new HpackDynamicTable.Key(name, value), 0);
    }
}
