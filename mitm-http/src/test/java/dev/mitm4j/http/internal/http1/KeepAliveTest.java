package dev.mitm4j.http.internal.http1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import org.junit.jupiter.api.Test;

/** The one keep-alive decision: version, the Connection tokens, and how the body ends. */
class KeepAliveTest {
    private static boolean persists(String version, String connection, BodyFraming framing) {
        Headers headers = connection == null ? new Headers() : Headers.of("Connection", connection);
        return KeepAlive.persists(version, headers, framing);
    }

    @Test
    void http11PersistsUnlessItSaysClose() {
        assertTrue(persists("HTTP/1.1", null, BodyFraming.NONE));
        assertFalse(persists("HTTP/1.1", "close", BodyFraming.NONE));
        assertFalse(persists("HTTP/1.1", "Keep-Alive , CLOSE", BodyFraming.NONE));
    }

    @Test
    void tokensAreMatchedWholeNotAsSubstrings() {
        assertTrue(persists("HTTP/1.1", "closed, x-close-later", BodyFraming.NONE));
        assertFalse(persists("HTTP/1.0", "keep-alive-ish", BodyFraming.NONE));
    }

    @Test
    void http10PersistsOnlyWhenItAsksForKeepAlive() {
        assertFalse(persists("HTTP/1.0", null, BodyFraming.NONE));
        assertTrue(persists("HTTP/1.0", "\tKeep-Alive", BodyFraming.contentLength(3)));
    }

    @Test
    void aBodyUntilCloseEndsTheConnection() {
        assertFalse(persists("HTTP/1.1", null, BodyFraming.UNTIL_CLOSE));
        assertTrue(persists("HTTP/1.1", null, BodyFraming.CHUNKED));
    }
}
