package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MultiDict: ordered, multi-valued, with mitmproxy's single/multi views. */
class MultiDictTest {
    private final MultiDict dict = MultiDict.of("a", "1", "b", "2", "a", "3");

    @Test
    void getReturnsTheFirstValueAndGetAllEveryValueInOrder() {
        assertEquals("1", dict.get("a"));
        assertEquals(List.of("1", "3"), dict.getAll("a"));
        assertNull(dict.get("missing"));
        assertEquals(List.of(), dict.getAll("missing"));
        assertEquals("x", dict.getOrDefault("missing", "x"));
    }

    @Test
    void keysValuesItemsWithoutMultiSeeOneEntryPerKey() {
        assertEquals(List.of("a", "b"), dict.keys());
        assertEquals(List.of("1", "2"), dict.values());
        assertEquals(List.of(Map.entry("a", "1"), Map.entry("b", "2")), dict.items());
    }

    @Test
    void keysValuesItemsWithMultiSeeEveryEntry() {
        assertEquals(List.of("a", "b", "a"), dict.keys(true));
        assertEquals(List.of("1", "2", "3"), dict.values(true));
        assertEquals(3, dict.items(true).size());
        assertEquals(3, dict.size());
    }

    @Test
    void setAllReplacesInPlaceDropsSurplusAndAppendsExtra() {
        dict.setAll("a", List.of("x"));
        assertEquals(List.of(Map.entry("a", "x"), Map.entry("b", "2")), dict.items(true));
        dict.setAll("b", List.of("p", "q"));
        assertEquals(List.of("a", "b", "b"), dict.keys(true));
        assertEquals(List.of("x", "p", "q"), dict.values(true));
        dict.setAll("b", List.of());
        assertFalse(dict.contains("b"));
    }

    @Test
    void setReplacesAllValuesAtTheFirstPosition() {
        dict.set("a", "z");
        assertEquals(List.of(Map.entry("a", "z"), Map.entry("b", "2")), dict.items(true));
        dict.set("new", "n");
        assertEquals("new", dict.keys(true).get(2));
    }

    @Test
    void addAppendsAndInsertPlacesBeforeTheIndex() {
        dict.add("b", "4");
        assertEquals(List.of("2", "4"), dict.getAll("b"));
        dict.insert(0, "c", "0");
        assertEquals(List.of("c", "a", "b", "a", "b"), dict.keys(true));
        assertThrows(IndexOutOfBoundsException.class, () -> dict.insert(99, "x", "y"));
    }

    @Test
    void removeDeletesEveryEntryOfTheKey() {
        assertTrue(dict.remove("a"));
        assertFalse(dict.remove("a"));
        assertEquals(List.of(Map.entry("b", "2")), dict.items(true));
        dict.clear();
        assertTrue(dict.isEmpty());
    }

    @Test
    void toMapGroupsAllValuesByKeyInFirstOccurrenceOrder() {
        Map<String, List<String>> map = dict.toMap();
        assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
        assertEquals(List.of("1", "3"), map.get("a"));
    }

    @Test
    void keysCompareExactlyByDefault() {
        assertNull(dict.get("A"));
    }

    @Test
    void caseInsensitiveDictionariesFoldKeysButKeepTheirSpelling() {
        MultiDict attrs = MultiDict.caseInsensitive();
        attrs.add("Path", "/");
        attrs.set("PATH", "/x");
        assertEquals("/x", attrs.get("path"));
        assertEquals(List.of(Map.entry("Path", "/x")), attrs.items(true));
        attrs.add("path", "/y");
        assertEquals(List.of("Path"), attrs.keys());
    }

    @Test
    void equalityIsByEntriesInOrder() {
        assertEquals(MultiDict.of("a", "1", "b", "2", "a", "3"), dict);
        assertEquals(MultiDict.of("a", "1", "b", "2", "a", "3").hashCode(), dict.hashCode());
        assertNotEquals(MultiDict.of("b", "2", "a", "1", "a", "3"), dict);
    }

    @Test
    void copyIsDetached() {
        MultiDict copy = dict.copy();
        copy.add("c", "5");
        assertFalse(dict.contains("c"));
    }

    @Test
    void nullsAndOddPairsAreRejected() {
        assertThrows(NullPointerException.class, () -> dict.add("k", null));
        assertThrows(IllegalArgumentException.class, () -> MultiDict.of("lonely"));
    }

    @Test
    void viewsReadAndWriteThroughTheirCallbacks() {
        List<List<Map.Entry<String, String>>> writes = new ArrayList<>();
        List<Map.Entry<String, String>> state = new ArrayList<>(List.of(Map.entry("k", "v")));
        MultiDict view = MultiDict.view(() -> state, entries -> {
            writes.add(entries);
            state.clear();
            state.addAll(entries);
        });
        view.add("k2", "v2");
        assertEquals(1, writes.size());
        assertEquals(List.of(Map.entry("k", "v"), Map.entry("k2", "v2")), writes.get(0));
        state.add(Map.entry("k3", "v3"));
        assertEquals("v3", view.get("k3"));
    }
}
