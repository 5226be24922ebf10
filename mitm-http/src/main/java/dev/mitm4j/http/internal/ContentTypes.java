package dev.mitm4j.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Content-Type parsing and the charset guess mitmproxy uses for {@code text}: a byte-order mark
 * wins, then the {@code charset} parameter, then per-type defaults (json, html with its
 * {@code <meta charset>}, xml with its declaration, javascript, css with {@code @charset}: all
 * UTF-8 unless declared), else ISO-8859-1. GB2312 and GBK are widened to GB18030.
 */
public final class ContentTypes {
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset=['\"]?([^'\">]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING =
            Pattern.compile("<\\?xml[^?>]+encoding=['\"]([^'\"?>]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_CHARSET =
            Pattern.compile("^@charset \"([^\"]+)\";", Pattern.CASE_INSENSITIVE);

    /** The name used for "UTF-8 with its BOM stripped". */
    public static final String UTF8_SIG = "utf-8-sig";

    private ContentTypes() {}

    /** A parsed Content-Type: lower-cased type and subtype, parameters in order as written. */
    public record ContentType(String type, String subtype, Map<String, String> parameters) {
        /** {@return the header value for this content type} */
        public String format() {
            StringBuilder sb = new StringBuilder(type).append('/').append(subtype);
            parameters.forEach((k, v) -> sb.append("; ").append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /** {@return the parsed value, or null when it has no "type/subtype"} */
    public static @Nullable ContentType parse(String value) {
        String[] parts = value.split(";", 2);
        String[] ts = parts[0].split("/", 2);
        if (ts.length != 2) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (parts.length == 2) {
            for (String clause : parts[1].split(";")) {
                String[] kv = clause.split("=", 2);
                if (kv.length == 2) {
                    params.put(kv[0].strip(), kv[1].strip());
                }
            }
        }
        return new ContentType(ts[0].strip().toLowerCase(Locale.ROOT),
                ts[1].strip().toLowerCase(Locale.ROOT), params);
    }

    /**
     * Guesses the charset name of {@code content} typed {@code contentType} (possibly "").
     * Never null; may name a charset Java does not know (callers handle that).
     */
    public static String inferCharset(String contentType, byte[] content) {
        String enc = bomCharset(content);
        if (enc == null) {
            ContentType ct = parse(contentType);
            enc = ct == null ? null : paramIgnoreCase(ct.parameters(), "charset");
        }
        if (enc == null || enc.isEmpty()) {
            enc = byType(contentType, content);
        }
        String lower = enc.toLowerCase(Locale.ROOT);
        return lower.equals("gb2312") || lower.equals("gbk") ? "gb18030" : enc;
    }

    private static @Nullable String bomCharset(byte[] c) {
        if (startsWith(c, 0x00, 0x00, 0xFE, 0xFF)) {
            return "utf-32be";
        } else if (startsWith(c, 0xFF, 0xFE, 0x00, 0x00)) {
            return "utf-32le";
        } else if (startsWith(c, 0xFE, 0xFF)) {
            return "utf-16be";
        } else if (startsWith(c, 0xFF, 0xFE)) {
            return "utf-16le";
        } else if (startsWith(c, 0xEF, 0xBB, 0xBF)) {
            return UTF8_SIG;
        }
        return null;
    }

    private static String byType(String contentType, byte[] content) {
        String ascii = new String(content, StandardCharsets.ISO_8859_1);
        if (contentType.contains("json")) {
            return "utf-8";
        } else if (contentType.contains("html")) {
            return firstGroup(META_CHARSET.matcher(ascii), "utf-8");
        } else if (contentType.contains("xml")) {
            return firstGroup(XML_ENCODING.matcher(ascii), "utf-8");
        } else if (contentType.contains("javascript") || contentType.contains("ecmascript")) {
            return "utf-8";
        } else if (contentType.contains("text/css")) {
            return firstGroup(CSS_CHARSET.matcher(ascii), "utf-8");
        }
        return "iso-8859-1";
    }

    private static String firstGroup(Matcher m, String fallback) {
        return m.find() ? m.group(1) : fallback;
    }

    private static @Nullable String paramIgnoreCase(Map<String, String> params, String name) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] c, int... prefix) {
        if (c.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((c[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
