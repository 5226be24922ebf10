package dev.mitm4j.filter.internal;

/**
 * mitmproxy's {@code ~a}: a Content-Type value that contains (anywhere, case-sensitively, as
 * mitmproxy's regexes without flags do) one of {@code text/javascript},
 * {@code application/x-javascript}, {@code application/javascript}, {@code text/css},
 * {@code image/}, {@code font/} or {@code application/font}. Each of these has exactly one
 * {@code /}, so one pass over the value's slashes checks all seven.
 */
final class AssetTypes {
    private AssetTypes() {
    }

    static boolean isAsset(String contentType) {
        for (int slash = contentType.indexOf('/'); slash >= 0;
                slash = contentType.indexOf('/', slash + 1)) {
            if (isAssetAt(contentType, slash)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAssetAt(String s, int slash) {
        return endsAt(s, slash, "image") || endsAt(s, slash, "font")
                || (endsAt(s, slash, "text")
                    && (startsAt(s, slash, "javascript") || startsAt(s, slash, "css")))
                || (endsAt(s, slash, "application")
                    && (startsAt(s, slash, "x-javascript") || startsAt(s, slash, "javascript")
                        || startsAt(s, slash, "font")));
    }

    private static boolean endsAt(String s, int slash, String type) {
        return s.startsWith(type, slash - type.length());
    }

    private static boolean startsAt(String s, int slash, String subtype) {
        return s.startsWith(subtype, slash + 1);
    }
}
