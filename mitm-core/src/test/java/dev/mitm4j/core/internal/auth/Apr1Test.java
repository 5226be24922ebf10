package dev.mitm4j.core.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected values made by {@code openssl passwd -apr1 -salt SALT PASSWORD}. */
class Apr1Test {
    @Test void matchesOpensslApr1() {
        assertCrypt("$apr1$x1Y.z/9q$KM1ykOrYnyQZAVz22RzHc1", "secret");
        assertCrypt("$apr1$x1Y.z/9q$vKNSS94iUn5M.BvMIpsY1/", "p@ss:w0rd!");
        assertCrypt("$apr1$x1Y.z/9q$043BdW4VI86CHXl4edbfx0", "");
        assertCrypt("$apr1$x1Y.z/9q$56AnEJniZNzzlSIhcvFT./",
                "a-much-longer-password-than-sixteen-bytes");
        assertCrypt("$apr1$ab$jiiV6N7hIIuIoJbc1hxOE/", "secret");
    }

    private static void assertCrypt(String expected, String password) {
        assertEquals(expected, Apr1.crypt(password.getBytes(StandardCharsets.UTF_8),
                Apr1.salt(expected)));
    }
}
