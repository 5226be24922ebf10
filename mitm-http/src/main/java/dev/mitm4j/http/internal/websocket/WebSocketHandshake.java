package dev.mitm4j.http.internal.websocket;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The opening handshake of RFC 6455 §4 over HTTP/1.1: keys and accept values, the checks a server
 * makes on a request and a client on a response, and subprotocol lists. Extensions are negotiated
 * by {@link DeflateNegotiation}. Errors name the header, never its value. Stateless and
 * thread-safe.
 */
public final class WebSocketHandshake {
    /** The GUID appended to the key before hashing (RFC 6455 §1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The only protocol version (RFC 6455 §4.1). */
    public static final String VERSION = "13";
    /** The request header holding the client's nonce. */
    public static final String KEY = "Sec-WebSocket-Key";
    /** The response header proving the server read the key. */
    public static final String ACCEPT = "Sec-WebSocket-Accept";
    /** The header listing (request) or naming (response) subprotocols. */
    public static final String PROTOCOL = "Sec-WebSocket-Protocol";
    /** The request header naming the protocol version. */
    public static final String VERSION_HEADER = "Sec-WebSocket-Version";

    private WebSocketHandshake() {}

    /** {@return the {@code Sec-WebSocket-Accept} value for {@code key}} */
    public static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
    }

    /** {@return a new key: 16 bytes from {@code random}, base64-encoded} */
    public static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** {@return whether {@code key} is the base64 encoding of exactly 16 bytes} */
    public static boolean isValidKey(String key) {
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks an opening request as a server must (RFC 6455 §4.2.1).
     *
     * @throws WebSocketHandshakeException for a method other than GET, an Upgrade without
     *     "websocket", a Connection without "upgrade", a version other than 13, a missing, repeated
     *     or malformed key, or a malformed subprotocol list
     */
    public static void checkRequest(String method, Headers headers)
            throws WebSocketHandshakeException {
        if (!method.equals("GET")) {
            throw new WebSocketHandshakeException("WebSocket handshake with method " + method);
        }
        checkUpgrade(headers);
        List<String> versions = headers.getAll(VERSION_HEADER);
        if (versions.size() != 1 || !versions.get(0).strip().equals(VERSION)) {
            throw new WebSocketHandshakeException(VERSION_HEADER + " is not exactly " + VERSION);
        }
        List<String> keys = headers.getAll(KEY);
        if (keys.size() != 1 || !isValidKey(keys.get(0).strip())) {
            throw new WebSocketHandshakeException(
                    KEY + " is missing, repeated or not 16 bytes in base64");
        }
        protocols(headers);
    }

    /**
     * Checks a response to a request sent with {@code key} as a client must (RFC 6455 §4.1),
     * and returns the subprotocol the server chose.
     *
     * @param offeredProtocols the subprotocols the request listed
     * @return the chosen subprotocol, or null when the server chose none
     * @throws WebSocketHandshakeException for a status other than 101, an Upgrade or Connection
     *     header without the right token, a wrong accept value, or a subprotocol that was not
     *     offered (or more than one)
     */
    public static @Nullable String checkResponse(int code, Headers headers, String key,
            List<String> offeredProtocols) throws WebSocketHandshakeException {
        if (code != 101) {
            throw new WebSocketHandshakeException("WebSocket handshake answered with " + code);
        }
        checkUpgrade(headers);
        List<String> accepts = headers.getAll(ACCEPT);
        if (accepts.size() != 1 || !accepts.get(0).strip().equals(acceptFor(key))) {
            throw new WebSocketHandshakeException(ACCEPT + " does not match the key");
        }
        return selectedProtocol(headers, offeredProtocols);
    }

    /**
     * {@return the subprotocols a request lists, in order, across all its header lines}
     *
     * @throws WebSocketHandshakeException when an element is not a token or is repeated
     */
    public static List<String> protocols(Headers headers) throws WebSocketHandshakeException {
        List<String> out = new ArrayList<>();
        for (String line : headers.getAll(PROTOCOL)) {
            for (String element : line.split(",", -1)) {
                String token = element.strip();
                if (token.isEmpty()) {
                    continue;
                }
                if (!Extension.isToken(token) || out.contains(token)) {
                    throw new WebSocketHandshakeException(
                            PROTOCOL + " has an element that is not a token, or a repeated one");
                }
                out.add(token);
            }
        }
        return out;
    }

    /**
     * {@return the subprotocol a response chose, or null for none}
     *
     * @throws WebSocketHandshakeException when it names more than one, or one not offered
     */
    public static @Nullable String selectedProtocol(Headers response, List<String> offered)
            throws WebSocketHandshakeException {
        List<String> lines = response.getAll(PROTOCOL);
        if (lines.isEmpty()) {
            return null;
        }
        String chosen = lines.get(0).strip();
        if (lines.size() > 1 || !offered.contains(chosen)) {
            throw new WebSocketHandshakeException(PROTOCOL + " names a subprotocol not offered");
        }
        return chosen;
    }

    private static void checkUpgrade(Headers headers) throws WebSocketHandshakeException {
        if (!hasToken(headers.getAll("Upgrade"), "websocket")) {
            throw new WebSocketHandshakeException("Upgrade does not name websocket");
        }
        if (!hasToken(headers.getAll("Connection"), "upgrade")) {
            throw new WebSocketHandshakeException("Connection does not list upgrade");
        }
    }

    private static boolean hasToken(List<String> lines, String token) {
        for (String line : lines) {
            for (String part : line.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
