package dev.mitm4j.core.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdTest {
    /** jBCrypt's published test vector for the empty password. */
    private static final String EMPTY_2A =
            "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.";

    @TempDir Path dir;

    @Test void verifiesEveryHashKind() throws Exception {
        String bcrypt = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "b-pass".toCharArray());
        Path file = dir.resolve("htpasswd");
        Files.write(file, List.of("# users", "", "bcryptuser:" + bcrypt,
                "bcrypt2b:" + bcrypt.replace("$2y$", "$2b$"), "empty:" + EMPTY_2A,
                "shauser:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=",
                "apruser:$apr1$x1Y.z/9q$KM1ykOrYnyQZAVz22RzHc1"));
        ProxyAuthenticator auth = ProxyAuthenticators.fromSpec("@" + file);
        assertTrue(auth.authenticate("bcryptuser", "b-pass"));
        assertTrue(auth.authenticate("bcryptuser", "b-pass")); // cached the second time
        assertTrue(auth.authenticate("bcrypt2b", "b-pass"));
        assertTrue(auth.authenticate("empty", ""));
        assertTrue(auth.authenticate("shauser", "secret"));
        assertTrue(auth.authenticate("apruser", "secret"));
        assertFalse(auth.authenticate("bcryptuser", "wrong"));
        assertFalse(auth.authenticate("shauser", "Secret"));
        assertFalse(auth.authenticate("apruser", "secret "));
        assertFalse(auth.authenticate("nobody", "secret"));
        assertFalse(auth.authenticate("apruser", "b-pass"));
    }

    @Test void refusesUnsupportedLinesNamingTheLineButNotTheHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse("users.txt", List.of("ok:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=",
                        "des:rqXexS6ZhobKA")));
        assertTrue(e.getMessage().startsWith("proxyauth: users.txt line 2:"), e.getMessage());
        assertFalse(e.getMessage().contains("rqXexS6ZhobKA"));
        assertThrows(IllegalArgumentException.class, () -> Htpasswd.parse("e", List.of("# none")));
    }

    @Test void singleUserAndAny() {
        ProxyAuthenticator single = ProxyAuthenticators.fromSpec("alice:pa:ss");
        assertTrue(single.authenticate("alice", "pa:ss"));
        assertFalse(single.authenticate("alice", "pa"));
        assertFalse(single.authenticate("alic", "pa:ss"));
        assertFalse(single.toString().contains("pa:ss"));
        assertTrue(ProxyAuthenticators.fromSpec("any").authenticate("x", "y"));
        assertNull(ProxyAuthenticators.fromSpec(""));
        assertNull(ProxyAuthenticators.fromSpec(null));
        assertThrows(IllegalArgumentException.class, () -> ProxyAuthenticators.fromSpec("alice"));
        assertThrows(java.io.UncheckedIOException.class,
                () -> ProxyAuthenticators.fromSpec("@" + dir.resolve("missing")));
        Htpasswd corrupt = Htpasswd.parse("f", List.of("a:{SHA}!"));
        assertEquals("Htpasswd[1 users]", corrupt.toString());
        assertFalse(corrupt.authenticate("a", ""));
    }
}
