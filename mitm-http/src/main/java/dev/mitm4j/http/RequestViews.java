package dev.mitm4j.http;

import dev.mitm4j.http.internal.Cookies;
import dev.mitm4j.http.internal.FormEncoding;
import dev.mitm4j.http.internal.Multipart;
import dev.mitm4j.http.internal.Urls;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The live {@link MultiDict} views of a {@link Request}: reads parse, writes serialise. */
final class RequestViews {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestViews() {}

    static MultiDict query(Request r) {
        return MultiDict.view(() -> FormEncoding.decode(Urls.query(r.path())), entries -> {
            String path = r.path();
            String query = FormEncoding.encode(entries, Urls.query(path));
            r.path(Urls.joinPath(Urls.pathOnly(path), query, Urls.fragment(path)));
        });
    }

    static MultiDict cookies(Request r) {
        return MultiDict.view(() -> Cookies.parseCookieHeaders(r.headers().getAll("Cookie")),
                entries -> {
                    if (entries.isEmpty()) { // mitmproxy would leave "Cookie: " behind
                        r.headers().remove("Cookie");
                    } else {
                        r.headers().set("Cookie", Cookies.formatCookieHeader(entries));
                    }
                });
    }

    static MultiDict urlencodedForm(Request r) {
        return MultiDict.view(() -> isUrlencoded(r) ? FormEncoding.decode(textOf(r)) : List.of(),
                entries -> {
                    String similarTo = isUrlencoded(r) ? textOf(r) : "";
                    r.headers().set("Content-Type", "application/x-www-form-urlencoded");
                    r.text(FormEncoding.encode(entries, similarTo));
                });
    }

    static MultiDict multipartForm(Request r) {
        return MultiDict.view(() -> readMultipart(r), entries -> {
            String ct = r.contentType();
            String boundary = ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                    ? Multipart.boundary(ct) : null;
            if (boundary == null) {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                boundary = "-".repeat(20) + HexFormat.of().formatHex(random);
                r.headers().set("Content-Type", "multipart/form-data; boundary=" + boundary);
            }
            r.content(Multipart.encode(boundary, entries));
        });
    }

    private static List<Map.Entry<String, String>> readMultipart(Request r) {
        String ct = r.contentType();
        if (!ct.toLowerCase(Locale.ROOT).contains("multipart/form-data")) {
            return List.of();
        }
        byte[] content = r.content(false);
        return content == null ? List.of() : Multipart.decode(ct, content);
    }

    private static boolean isUrlencoded(Request r) {
        return r.contentType().toLowerCase(Locale.ROOT)
                .contains("application/x-www-form-urlencoded");
    }

    private static String textOf(Request r) {
        String text = r.text(false);
        return text == null ? "" : text;
    }
}
