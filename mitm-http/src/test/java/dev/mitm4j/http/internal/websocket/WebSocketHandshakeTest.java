package dev.mitm4j.http.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static Headers request() {
        return Headers.of("Host", "server.example.com", "Upgrade", "websocket",
                "Connection", "keep-alive, Upgrade", "Sec-WebSocket-Key", KEY,
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Protocol", "chat, superchat");
    }

    private static Headers response() {
        return Headers.of("Upgrade", "WebSocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Protocol", "chat");
    }

    @Test
    void theAcceptValueIsTheOneOfRfc6455SectionOneThree() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptFor(KEY));
    }

    @Test
    void newKeysAreSixteenRandomBytesInBase64() {
        String key = WebSocketHandshake.newKey(new Random(1));
        assertTrue(WebSocketHandshake.isValidKey(key));
        assertFalse(key.equals(WebSocketHandshake.newKey(new Random(2))));
        assertFalse(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ"));
        assertFalse(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZXg="));
        assertFalse(WebSocketHandshake.isValidKey("!!!!!!!!!!!!!!!!!!!!!!=="));
    }

    @Test
    void aValidRequestAndItsResponsePassBothChecks() throws Exception {
        WebSocketHandshake.checkRequest("GET", request());
        assertEquals(List.of("chat", "superchat"), WebSocketHandshake.protocols(request()));
        assertEquals("chat", WebSocketHandshake.checkResponse(101, response(), KEY,
                List.of("chat", "superchat")));
        Headers none = response();
        none.remove("Sec-WebSocket-Protocol");
        assertNull(WebSocketHandshake.checkResponse(101, none, KEY, List.of("chat")));
    }

    @Test
    void badRequestsAreRefusedNamingTheHeaderNotItsValue() {
        record Bad(String method, String header, String value, String message) {}
        for (Bad bad : List.of(
                new Bad("POST", "Upgrade", "websocket", "WebSocket handshake with method POST"),
                new Bad("GET", "Upgrade", "h2c", "Upgrade does not name websocket"),
                new Bad("GET", "Connection", "close", "Connection does not list upgrade"),
                new Bad("GET", "Sec-WebSocket-Version", "8",
                        "Sec-WebSocket-Version is not exactly 13"),
                new Bad("GET", "Sec-WebSocket-Key", "c2hvcnQ=",
                        "Sec-WebSocket-Key is missing, repeated or not 16 bytes in base64"),
                new Bad("GET", "Sec-WebSocket-Protocol", "chat, chat",
                        "Sec-WebSocket-Protocol has an element that is not a token, "
                                + "or a repeated one"))) {
            Headers headers = request();
            headers.set(bad.header(), bad.value());
            WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class,
                    () -> WebSocketHandshake.checkRequest(bad.method(), headers));
            assertEquals(bad.message(), e.getMessage());
        }
        Headers twoKeys = request();
        twoKeys.add("Sec-WebSocket-Key", KEY);
        assertThrows(WebSocketHandshakeException.class,
                () -> WebSocketHandshake.checkRequest("GET", twoKeys));
    }

    @Test
    void badResponsesAreRefused() {
        assertEquals("WebSocket handshake answered with 200", assertThrows(
                WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(200,
                        response(), KEY, List.of("chat"))).getMessage());
        assertEquals("Sec-WebSocket-Accept does not match the key", assertThrows(
                WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(101,
                        response(), "x3JJHMbDL1EzLkh9GBhXDw==", List.of("chat"))).getMessage());
        assertEquals("Sec-WebSocket-Protocol names a subprotocol not offered", assertThrows(
                WebSocketHandshakeException.class, () -> WebSocketHandshake.checkResponse(101,
                        response(), KEY, List.of("superchat"))).getMessage());
        Headers two = response();
        two.add("Sec-WebSocket-Protocol", "superchat");
        List<String> both = List.of("chat", "superchat");
        assertThrows(WebSocketHandshakeException.class,
                () -> WebSocketHandshake.checkResponse(101, two, KEY, both));
    }
}
