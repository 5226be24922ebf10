package dev.mitm4j.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An ordered, multi-valued mapping from {@code String} keys to {@code String} values, as
 * mitmproxy's {@code MultiDict}: the same key may occur many times and the order of all entries
 * is kept.
 *
 * <p>Single-valued accessors ({@link #get}, {@link #keys()}, {@link #values()}, {@link #items()})
 * see the <em>first</em> value of each key; the {@code multi} variants see every entry. Keys
 * compare exactly, except in dictionaries made by {@link #caseInsensitive()} (cookie attributes),
 * where they compare ignoring ASCII case and keep the case they were first written with.
 *
 * <p><b>Live views.</b> {@link Request#query()}, {@link Request#cookies()},
 * {@link Request#urlencodedForm()}, {@link Request#multipartForm()} and
 * {@link Response#cookies()} return views: every read parses the message afresh and every
 * mutation serialises the whole dictionary back into the message (path, headers or body). A
 * view therefore always agrees with its message, and mutating it rewrites that part of the
 * message even when the entries did not change.
 *
 * <p>Not thread-safe. {@link #equals} compares the entries in order (and not the kind of
 * dictionary); null keys and values are rejected with a {@link NullPointerException}.
 */
public final class MultiDict {
    private final Supplier<List<Map.Entry<String, String>>> reader;
    private final Consumer<List<Map.Entry<String, String>>> writer;
    private final boolean ignoreCase;

    private MultiDict(Supplier<List<Map.Entry<String, String>>> reader,
            Consumer<List<Map.Entry<String, String>>> writer, boolean ignoreCase) {
        this.reader = reader;
        this.writer = writer;
        this.ignoreCase = ignoreCase;
    }

    /** Creates an empty dictionary whose keys compare exactly. */
    public MultiDict() {
        this(new ArrayList<>(), false);
    }

    private MultiDict(List<Map.Entry<String, String>> store, boolean ignoreCase) {
        this(() -> store, entries -> {
            List<Map.Entry<String, String>> copy = List.copyOf(entries);
            store.clear();
            store.addAll(copy);
        }, ignoreCase);
    }

    /** {@return an empty dictionary whose keys compare ignoring ASCII case} */
    public static MultiDict caseInsensitive() {
        return new MultiDict(new ArrayList<>(), true);
    }

    /** {@return a dictionary holding {@code keysAndValues} taken as pairs, in order} */
    public static MultiDict of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues must be pairs, got an odd count");
        }
        MultiDict dict = new MultiDict();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            dict.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return dict;
    }

    /** {@return a dictionary holding {@code entries} in order} */
    public static MultiDict ofEntries(List<Map.Entry<String, String>> entries) {
        MultiDict dict = new MultiDict();
        dict.writer.accept(checked(entries));
        return dict;
    }

    /**
     * Creates a live view over state owned elsewhere: {@code reader} supplies the current entries
     * on every access; {@code writer} receives the complete new list after each mutation. Meant
     * for the model's own views; exposed for flows of other protocols.
     */
    public static MultiDict view(Supplier<List<Map.Entry<String, String>>> reader,
            Consumer<List<Map.Entry<String, String>>> writer) {
        return new MultiDict(reader, writer, false);
    }

    /** {@return the first value of {@code key}, or null when the key is absent} */
    public @Nullable String get(String key) {
        for (Map.Entry<String, String> e : reader.get()) {
            if (same(e.getKey(), key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@return the first value of {@code key}, or {@code fallback} when the key is absent} */
    public String getOrDefault(String key, String fallback) {
        String value = get(key);
        return value != null ? value : fallback;
    }

    /** {@return every value of {@code key} in order; empty when absent} */
    public List<String> getAll(String key) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : reader.get()) {
            if (same(e.getKey(), key)) {
                values.add(e.getValue());
            }
        }
        return values;
    }

    /** {@return whether {@code key} occurs at least once} */
    public boolean contains(String key) {
        return get(key) != null;
    }

    /** Replaces all values of {@code key} by the single {@code value}; see {@link #setAll}. */
    public void set(String key, String value) {
        setAll(key, List.of(value));
    }

    /**
     * Replaces the values of {@code key}: existing entries of the key take the new values in
     * order and keep their positions; surplus old entries are removed; surplus new values are
     * appended at the end. An empty list removes the key.
     */
    public void setAll(String key, List<String> values) {
        Objects.requireNonNull(key, "key");
        List<String> pending = new ArrayList<>(values);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : reader.get()) {
            if (!same(e.getKey(), key)) {
                out.add(e);
            } else if (!pending.isEmpty()) {
                out.add(Map.entry(e.getKey(), pending.remove(0)));
            }
        }
        for (String value : pending) {
            out.add(Map.entry(key, value));
        }
        writer.accept(out);
    }

    /** Appends an entry at the end, keeping existing entries of the same key. */
    public void add(String key, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(reader.get());
        out.add(Map.entry(key, value));
        writer.accept(out);
    }

    /**
     * Inserts an entry before position {@code index} of {@link #items(boolean) items(true)}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index <= size()}
     */
    public void insert(int index, String key, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(reader.get());
        out.add(index, Map.entry(key, value));
        writer.accept(out);
    }

    /**
     * Removes every entry of {@code key}.
     *
     * @return whether anything was removed
     */
    public boolean remove(String key) {
        List<Map.Entry<String, String>> out = new ArrayList<>(reader.get());
        boolean removed = out.removeIf(e -> same(e.getKey(), key));
        if (removed) {
            writer.accept(out);
        }
        return removed;
    }

    /** Removes every entry. */
    public void clear() {
        writer.accept(List.of());
    }

    /** {@return the distinct keys in order of first occurrence} */
    public List<String> keys() {
        return keys(false);
    }

    /** {@return the keys of all entries when {@code multi}, else the distinct keys} */
    public List<String> keys(boolean multi) {
        return items(multi).stream().map(Map.Entry::getKey).toList();
    }

    /** {@return the first value of each distinct key, in order} */
    public List<String> values() {
        return values(false);
    }

    /** {@return the values of all entries when {@code multi}, else one per distinct key} */
    public List<String> values(boolean multi) {
        return items(multi).stream().map(Map.Entry::getValue).toList();
    }

    /** {@return one entry per distinct key (its first value), in order} */
    public List<Map.Entry<String, String>> items() {
        return items(false);
    }

    /** {@return all entries in order when {@code multi}, else one per distinct key} */
    public List<Map.Entry<String, String>> items(boolean multi) {
        List<Map.Entry<String, String>> all = List.copyOf(reader.get());
        if (multi) {
            return all;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : all) {
            if (seen.add(fold(e.getKey()))) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /** {@return a new insertion-ordered map from each distinct key to all its values} */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : reader.get()) {
            String key = firstSpelling.computeIfAbsent(fold(e.getKey()), k -> e.getKey());
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue());
        }
        return map;
    }

    /** {@return the number of entries, duplicates included} */
    public int size() {
        return reader.get().size();
    }

    /** {@return whether there are no entries} */
    public boolean isEmpty() {
        return reader.get().isEmpty();
    }

    /** {@return a detached copy (not a view) with the same entries and key comparison} */
    public MultiDict copy() {
        return new MultiDict(new ArrayList<>(reader.get()), ignoreCase);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MultiDict other && items(true).equals(other.items(true));
    }

    @Override
    public int hashCode() {
        return items(true).hashCode();
    }

    @Override
    public String toString() {
        return "MultiDict" + items(true);
    }

    private boolean same(String a, String b) {
        return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    private String fold(String key) {
        return ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
    }

    private static List<Map.Entry<String, String>> checked(List<Map.Entry<String, String>> in) {
        List<Map.Entry<String, String>> out = new ArrayList<>(in.size());
        for (Map.Entry<String, String> e : in) {
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }
}
