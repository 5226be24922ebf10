package dev.mitm4j.http;

import dev.mitm4j.http.internal.TrustedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The header fields of an HTTP message (or its trailers): ordered, multi-valued, looked up without
 * regard to case, with the original case, order and duplicates kept, as mitmproxy's
 * {@code Headers}.
 *
 * <p>Names and values are {@code String}s of ISO-8859-1 characters, one char per wire byte, so any
 * byte sequence a header may carry survives a round trip.
 *
 * <p><b>Validation.</b> Every field is checked when it enters ({@link #of}, {@link #set},
 * {@link #setAll}, {@link #add}, {@link #insert}, {@link #replace}, and the views that write
 * headers, such as {@link Request#cookies()}): the name must be a token (RFC 9110 section 5.6.2:
 * no colon, whitespace or control character; one leading colon is allowed for the HTTP/2
 * pseudo-header fields that HAR files record) and the value must hold no CR, LF or NUL, so that
 * no edit can add a header line or a message to the wire. A bad field is an
 * {@link IllegalArgumentException} that names the field (never its value), thrown before anything
 * changes. Values are otherwise kept as given (other control characters, leading spaces).
 *
 * <p>Headers read by the codec keep the raw header block, and {@link #toHttp1Bytes()} returns it
 * byte-for-byte until the first mutation; after that the block is rebuilt as
 * {@code name: value CRLF} lines. (The codec has validated that block already and builds these
 * headers through a module-internal path that skips the second check.)
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Created empty, with {@link #of}, or by the codec.
 *   <li>Read and changed in place by the proxy and by addons.
 *   <li>Serialised with {@link #toHttp1Bytes()} when the message is forwarded.
 * </ol>
 *
 * <p>Not thread-safe: a message is touched by one thread at a time (see {@code Flow}).
 */
public final class Headers implements Iterable<Headers.Field> {
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * One header field as read or written: a name and a value. A field is a plain pair; it is
     * checked when it enters a {@link Headers} (see the class comment).
     *
     * @param name the field name in its original case
     * @param value the field value without surrounding whitespace
     */
    public record Field(String name, String value) {
        /** Checks only for null; {@link Headers} checks the contents. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    static {
        TrustedHeaders.register(
                (fields, rawBlock) -> new Headers(new ArrayList<>(fields), rawBlock));
    }

    private final ArrayList<Field> fields;
    private byte @Nullable [] rawBlock;

    /** Creates empty headers. */
    public Headers() {
        this.fields = new ArrayList<>();
    }

    private Headers(ArrayList<Field> fields, byte @Nullable [] rawBlock) {
        this.fields = fields;
        this.rawBlock = rawBlock;
    }

    /**
     * {@return headers holding the given name/value pairs in order}
     *
     * @throws IllegalArgumentException if an odd number of strings is given, or a name is not a
     *     token or a value holds CR, LF or NUL (see the class comment)
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "namesAndValues needs pairs, got " + namesAndValues.length + " strings");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.fields.add(checked(namesAndValues[i], namesAndValues[i + 1]));
        }
        return headers;
    }

    /**
     * {@return the value of the named field, or null when absent} The name is matched without
     * regard to case. Several fields of that name are folded into one value joined by
     * {@code ", "} (RFC 9110 section 5.3), except {@code Set-Cookie}, which cannot be folded
     * (its {@code Expires} attribute contains commas): for it the first value is returned; use
     * {@link #getAll} to see every cookie. (mitmproxy folds Set-Cookie too and warns about it.)
     */
    public @Nullable String get(String name) {
        @Nullable String first = null;
        @Nullable StringBuilder folded = null;
        for (int i = 0, n = fields.size(); i < n; i++) {
            Field field = fields.get(i);
            if (!field.name.equalsIgnoreCase(name)) {
                continue;
            }
            if (first == null) {
                first = field.value;
                if (name.equalsIgnoreCase("Set-Cookie")) {
                    return first;
                }
            } else {
                if (folded == null) {
                    folded = new StringBuilder(first);
                }
                folded.append(", ").append(field.value);
            }
        }
        return folded != null ? folded.toString() : first;
    }

    /** {@return the values of every field of that name, in order; empty when there is none} */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    /** {@return whether a field of that name (any case) is present} */
    public boolean contains(String name) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (fields.get(i).name.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets one field: removes every field of that name and puts {@code name: value} where the
     * first of them was, or at the end when there was none.
     *
     * @throws IllegalArgumentException when the field is invalid (see the class comment); nothing
     *     changes then
     */
    public void set(String name, String value) {
        setAll(name, List.of(value));
    }

    /**
     * Replaces every field of that name with one field per value, placed where the first of them
     * was (at the end when there was none). An empty list removes the name.
     *
     * @throws IllegalArgumentException when a field is invalid (see the class comment); nothing
     *     changes then
     */
    public void setAll(String name, List<String> values) {
        for (String value : values) {
            HeadText.field(name, value);
        }
        mutated();
        int at = -1;
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name.equalsIgnoreCase(name)) {
                fields.remove(i);
                at = i;
            }
        }
        if (at < 0) {
            at = fields.size();
        }
        for (String value : values) {
            fields.add(at++, new Field(name, value));
        }
    }

    /**
     * Appends {@code name: value} after every existing field, keeping the others.
     *
     * @throws IllegalArgumentException when the field is invalid (see the class comment)
     */
    public void add(String name, String value) {
        Field field = checked(name, value);
        mutated();
        fields.add(field);
    }

    /**
     * Inserts {@code name: value} at {@code index} of {@link #fields()}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index <= size()}
     * @throws IllegalArgumentException when the field is invalid (see the class comment)
     */
    public void insert(int index, String name, String value) {
        Objects.checkIndex(index, fields.size() + 1);
        Field field = checked(name, value);
        mutated();
        fields.add(index, field);
    }

    /**
     * Removes every field of that name.
     *
     * @return true when something was removed
     */
    public boolean remove(String name) {
        boolean removed = fields.removeIf(field -> field.name.equalsIgnoreCase(name));
        if (removed) {
            mutated();
        }
        return removed;
    }

    /**
     * Applies a regular expression to each field as a {@code "name: value"} line, as mitmproxy's
     * {@code Headers.replace}. {@code replacement} uses {@link Matcher#replaceAll} syntax
     * ({@code $1}). A line whose result no longer contains {@code ": "} is kept unchanged and its
     * matches are not counted.
     *
     * @return the number of replacements made
     * @throws java.util.regex.PatternSyntaxException if the expression is invalid
     * @throws IllegalArgumentException when a replaced line makes an invalid field (see the class
     *     comment); nothing changes then
     */
    public int replace(String regex, String replacement) {
        Pattern pattern = Pattern.compile(regex);
        int count = 0;
        @Nullable Field[] replaced = new Field[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Matcher matcher = pattern.matcher(field.name + ": " + field.value);
            StringBuilder line = new StringBuilder();
            int found = 0;
            while (matcher.find()) {
                matcher.appendReplacement(line, replacement);
                found++;
            }
            if (found == 0) {
                continue;
            }
            matcher.appendTail(line);
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            replaced[i] = checked(line.substring(0, colon), line.substring(colon + 2));
            count += found;
        }
        for (int i = 0; i < replaced.length; i++) {
            Field field = replaced[i];
            if (field != null) {
                mutated();
                fields.set(i, field);
            }
        }
        return count;
    }

    /** {@return an unmodifiable live view of the fields in order} */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** {@return the number of fields, duplicates included} */
    public int size() {
        return fields.size();
    }

    /** {@return whether there are no fields} */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** {@return an independent copy (sharing the immutable raw block, if still valid)} */
    public Headers copy() {
        return new Headers(new ArrayList<>(fields), rawBlock);
    }

    /** {@return an iterator over the fields in order; it does not support removal} */
    @Override
    public Iterator<Field> iterator() {
        return fields().iterator();
    }

    /**
     * {@return the HTTP/1 header block: each field as {@code name: value CRLF}, then the empty
     * line (CRLF)} When nothing was changed since the codec read these headers, the bytes are
     * exactly those received. Characters above 0xFF (which no wire byte produces) become '?'.
     */
    public byte[] toHttp1Bytes() {
        if (rawBlock != null) {
            return rawBlock.clone();
        }
        int length = CRLF.length;
        for (Field field : fields) {
            length += field.name.length() + 2 + field.value.length() + 2;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (Field field : fields) {
            at = put(out, at, field.name);
            out[at++] = ':';
            out[at++] = ' ';
            at = put(out, at, field.value);
            out[at++] = '\r';
            out[at++] = '\n';
        }
        out[at++] = '\r';
        out[at] = '\n';
        return out;
    }

    /** {@return whether the raw block from the wire is still what {@link #toHttp1Bytes} returns} */
    public boolean isRaw() {
        return rawBlock != null;
    }

    private static Field checked(String name, String value) {
        HeadText.field(name, value);
        return new Field(name, value);
    }

    private static int put(byte[] out, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private void mutated() {
        rawBlock = null;
    }

    /** Equal when the fields are equal in order, names compared with their case. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Headers other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** {@return the field names and values, one per line, for debugging} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Field field : fields) {
            out.append(field.name).append(": ").append(field.value).append('\n');
        }
        return out.toString();
    }
}
