package dev.mitm4j.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code ~a}'s one-pass check against the plain "contains any of seven" definition. */
class AssetTypesTest {
    private static final String[] MITMPROXY_TYPES = {
        "text/javascript", "application/x-javascript", "application/javascript", "text/css",
        "image/", "font/", "application/font",
    };

    @Test
    void typicalTypes() {
        assertTrue(AssetTypes.isAsset("image/png"));
        assertTrue(AssetTypes.isAsset("text/css; charset=utf-8"));
        assertTrue(AssetTypes.isAsset("application/font-woff2"));
        assertTrue(AssetTypes.isAsset("font/woff2"));
        assertFalse(AssetTypes.isAsset("text/html; charset=utf-8"));
        assertFalse(AssetTypes.isAsset("application/json"));
        assertFalse(AssetTypes.isAsset("Image/PNG"), "case-sensitive, as in mitmproxy");
    }

    @Test
    void agreesWithContainsOnRandomValues() {
        String[] pieces = {"text", "image", "font", "application", "/", "/", "javascript", "css",
            "x-", "font", "x", ";", " ", "Text", "CSS"};
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = sb.toString();
            boolean expected = false;
            for (String type : MITMPROXY_TYPES) {
                expected |= value.contains(type);
            }
            assertEquals(expected, AssetTypes.isAsset(value), value);
        }
    }
}
