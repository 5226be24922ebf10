package dev.mitm4j.core.internal.addons;

import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Content-Type of a local file from its name, like Python's {@code mimetypes.guess_type}:
 * a table of the common web types first, then the JDK's file name map; null when unknown.
 */
final class MediaTypes {
    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("mp4", "video/mp4"),
            Map.entry("csv", "text/csv"), Map.entry("zip", "application/zip"));

    private MediaTypes() {}

    static @Nullable String of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String known = TABLE.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        return URLConnection.guessContentTypeFromName(name);
    }
}
