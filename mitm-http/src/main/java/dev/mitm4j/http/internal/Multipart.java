package dev.mitm4j.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code multipart/form-data} bodies (RFC 7578) as name/value pairs. Names and values are
 * ISO-8859-1 strings holding one char per byte, so file contents round-trip exactly. Parts
 * without a {@code name} are skipped when decoding; encoding writes only a
 * {@code Content-Disposition} header per part.
 */
public final class Multipart {
    private static final Pattern NAME =
            Pattern.compile("\\bname=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {}

    /** {@return the boundary parameter of a Content-Type value, or null} */
    public static @Nullable String boundary(String contentType) {
        ContentTypes.ContentType ct = ContentTypes.parse(contentType);
        if (ct == null) {
            return null;
        }
        for (Map.Entry<String, String> e : ct.parameters().entrySet()) {
            if (e.getKey().equalsIgnoreCase("boundary")) {
                String b = e.getValue();
                return b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")
                        ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    /** {@return the named parts of {@code body}; empty when there is no boundary} */
    public static List<Map.Entry<String, String>> decode(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (boundary == null || boundary.isEmpty()) {
            return out;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] chunks = text.split(Pattern.quote("--" + boundary), -1);
        for (int i = 1; i < chunks.length; i++) {
            Map.Entry<String, String> part = part(chunks[i]);
            if (part != null) {
                out.add(part);
            }
        }
        return out;
    }

    private static Map.@Nullable Entry<String, String> part(String chunk) {
        if (chunk.startsWith("--")) {
            return null; // the closing delimiter
        }
        String c = chunk.startsWith("\r\n") ? chunk.substring(2)
                : chunk.startsWith("\n") ? chunk.substring(1) : chunk;
        int crlf = c.indexOf("\r\n\r\n");
        int lf = c.indexOf("\n\n");
        int headEnd = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
        if (headEnd < 0) {
            return null;
        }
        int bodyStart = headEnd + (headEnd == crlf ? 4 : 2);
        Matcher m = NAME.matcher(c.substring(0, headEnd));
        if (!m.find()) {
            return null;
        }
        String value = c.substring(bodyStart);
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        return Map.entry(m.group(1), value);
    }

    /**
     * Encodes {@code parts} with {@code boundary}.
     *
     * @throws IllegalArgumentException when a value contains the delimiter line
     */
    public static byte[] encode(String boundary, List<Map.Entry<String, String>> parts) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : parts) {
            if (p.getValue().contains("\r\n--" + boundary)
                    || p.getValue().startsWith("--" + boundary)) {
                throw new IllegalArgumentException("multipart value contains the boundary");
            }
            sb.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.getKey())
                    .append("\"\r\n\r\n").append(p.getValue()).append("\r\n");
        }
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
