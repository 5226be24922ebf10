package dev.mitm4j.http.internal.http2;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The dynamic table of one HPACK context (RFC 7541 sections 2.3.2 and 4): newest entry first at
 * index 1, each entry costing its name and value lengths plus 32 octets, evicted oldest first to
 * stay within {@link #maxSize()}. Optionally indexed by name and by field for an encoder (a map
 * entry is dropped when its table entry is evicted, so the maps stay as small as the table).
 *
 * <p>Not thread-safe: a context belongs to one direction of one connection.
 */
final class HpackDynamicTable {
    /** The overhead counted per entry (section 4.1). */
    static final int ENTRY_OVERHEAD = 32;

    /** A name and value, the key of an encoder's lookups. */
    record Key(String name, String value) {}

    private @Nullable Key[] entries = new Key[8];
    private final @Nullable Map<String, Long> byName;
    private final @Nullable Map<Key, Long> byField;
    private long inserted; // entries ever inserted; the newest has number inserted - 1
    private int count;
    private int size;
    private int maxSize;

    /**
     * @param maxSize the initial maximum size in octets
     * @param indexed whether to keep the lookups {@link #indexOf} and {@link #indexOfName} use
     */
    HpackDynamicTable(int maxSize, boolean indexed) {
        this.maxSize = maxSize;
        this.byName = indexed ? new HashMap<>() : null;
        this.byField = indexed ? new HashMap<>() : null;
    }

    /** {@return the number of entries} */
    int count() {
        return count;
    }

    /** {@return the size in octets, overhead included} */
    int size() {
        return size;
    }

    /** {@return the maximum size in octets} */
    int maxSize() {
        return maxSize;
    }

    /** {@return entry {@code index}, 1 being the newest} */
    Key get(int index) {
        Key key = entries[slot(inserted - index)];
        assert key != null;
        return key;
    }

    /** Sets the maximum size, evicting entries as needed (section 4.3). */
    void maxSize(int maxSize) {
        this.maxSize = maxSize;
        evictTo(maxSize);
    }

    /**
     * Adds an entry (section 4.4): evicts until it fits; an entry larger than the maximum size
     * empties the table and is not added.
     */
    void add(String name, String value) {
        int entrySize = name.length() + value.length() + ENTRY_OVERHEAD;
        if (entrySize > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - entrySize);
        if (count == entries.length) {
            grow();
        }
        Key key = new Key(name, value);
        long number = inserted++;
        entries[slot(number)] = key;
        count++;
        size += entrySize;
        if (byName != null && byField != null) {
            byName.put(name, number);
            byField.put(key, number);
        }
    }

    /** {@return the index (1..count) of the newest entry with this name and value, or 0} */
    int indexOf(String name, String value) {
        return index(byField == null ? null : byField.get(new Key(name, value)));
    }

    /** {@return the index (1..count) of the newest entry with this name, or 0} */
    int indexOfName(String name) {
        return index(byName == null ? null : byName.get(name));
    }

    private int index(@Nullable Long number) {
        return number == null ? 0 : (int) (inserted - number);
    }

    private void evictTo(int target) {
        while (size > target) {
            long number = inserted - count;
            int slot = slot(number);
            Key key = entries[slot];
            assert key != null;
            entries[slot] = null;
            count--;
            size -= key.name().length() + key.value().length() + ENTRY_OVERHEAD;
            if (byName != null && byField != null) {
                byName.remove(key.name(), number);
                byField.remove(key, number);
            }
        }
    }

    private void grow() {
        @Nullable Key[] bigger = new Key[entries.length * 2];
        for (long n = inserted - count; n < inserted; n++) {
            bigger[(int) (n & (bigger.length - 1))] = entries[slot(n)];
        }
        entries = bigger;
    }

    private int slot(long number) {
        return (int) (number & (entries.length - 1));
    }
}
