package dev.mitm4j.core.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    private final BasicAuth proxy = new BasicAuth(ProxyAuthenticators.fromSpec("u:p"), false);
    private final BasicAuth reverse = new BasicAuth(ProxyAuthenticators.fromSpec("u:p"), true);

    @Test void goodCredentialsAreStripped() {
        Headers headers = Headers.of("Host", "x", "Proxy-Authorization", basic("u:p"));
        assertTrue(proxy.authenticateAndStrip(headers));
        assertFalse(headers.contains("Proxy-Authorization"));
        assertEquals("x", headers.get("Host"));
    }

    @Test void missingOrWrongCredentialsStay() {
        Headers wrong = Headers.of("Proxy-Authorization", basic("u:q"));
        assertFalse(proxy.authenticateAndStrip(wrong));
        assertTrue(wrong.contains("Proxy-Authorization"));
        assertFalse(proxy.authenticateAndStrip(new Headers()));
        assertFalse(proxy.authenticateAndStrip(Headers.of("Authorization", basic("u:p"))));
        assertFalse(proxy.authenticateAndStrip(Headers.of("Proxy-Authorization", "Bearer x")));
    }

    @Test void reverseModeUsesAuthorizationAnd401() {
        Headers headers = Headers.of("Authorization", basic("u:p"));
        assertTrue(reverse.authenticateAndStrip(headers));
        assertFalse(headers.contains("Authorization"));
        assertEquals(401, reverse.challengeStatus());
        assertEquals("Basic realm=\"mitm4j\"",
                reverse.challengeHeaders(0).get("WWW-Authenticate"));
        assertEquals(407, proxy.challengeStatus());
        assertEquals("Proxy Authentication Required", proxy.challengeReason());
        Headers challenge = proxy.challengeHeaders(proxy.challengeBody().length);
        assertEquals("Basic realm=\"mitm4j\"", challenge.get("Proxy-Authenticate"));
        assertEquals(Integer.toString(proxy.challengeBody().length),
                challenge.get("Content-Length"));
    }

    @Test void parsesBasicHeaders() {
        assertEquals(new BasicAuth.Credentials("a", "b:c"), BasicAuth.parse(basic("a:b:c")));
        assertEquals(new BasicAuth.Credentials("a", ""), BasicAuth.parse("BASIC " + b64("a:")));
        assertNull(BasicAuth.parse("Basic !!!"));
        assertNull(BasicAuth.parse("Basic " + b64("nocolon")));
        assertNull(BasicAuth.parse("Basic"));
        assertNull(BasicAuth.parse(null));
    }

    private static String basic(String userPass) {
        return "Basic " + b64(userPass);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
