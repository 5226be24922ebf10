package dev.mitm4j.core.internal.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of an Apache htpasswd file: {@code user:hash} lines, blank lines and {@code #}
 * comments ignored. Supported hashes: bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}),
 * {@code {SHA}} (base64 SHA-1) and apr1 MD5 ({@code $apr1$}). Other hashes (crypt DES, plain
 * text) are refused at load time, naming the line, so that a typo never opens the proxy.
 * Immutable and thread-safe.
 */
public final class Htpasswd implements ProxyAuthenticator {

    private final Map<String, String> hashes;

    private Htpasswd(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /**
     * {@return the users of the file at {@code path}}
     *
     * @throws IllegalArgumentException naming the file and line of an unsupported entry
     */
    public static Htpasswd load(Path path) throws IOException {
        return parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    /** {@return the users of these lines}; {@code source} names them in errors */
    public static Htpasswd parse(String source, List<String> lines) {
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String hash = colon <= 0 ? "" : line.substring(colon + 1);
            if (!supported(hash)) {
                throw new IllegalArgumentException("proxyauth: " + source + " line " + (i + 1)
                        + ": expected user:hash with a bcrypt ($2y$), {SHA} or apr1 ($apr1$) hash");
            }
            hashes.put(line.substring(0, colon), hash);
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("proxyauth: " + source + " has no users");
        }
        return new Htpasswd(hashes);
    }

    private static boolean supported(String hash) {
        return isBcrypt(hash) || hash.startsWith("{SHA}") || hash.startsWith(Apr1.MAGIC);
    }

    private static boolean isBcrypt(String hash) {
        return hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$");
    }

    @Override public boolean authenticate(String username, String password) {
        String hash = hashes.get(username);
        if (hash == null) {
            verify(Dummy.BCRYPT, password); // spend the time a known user would cost
            return false;
        }
        return verify(hash, password);
    }

    private static boolean verify(String hash, String password) {
        byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        if (isBcrypt(hash)) {
            return BCrypt.verifyer().verify(pass, hash.getBytes(StandardCharsets.UTF_8)).verified;
        }
        if (hash.startsWith("{SHA}")) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(hash.substring(5));
            } catch (IllegalArgumentException e) {
                return false; // a corrupt entry matches no password
            }
            return java.security.MessageDigest.isEqual(expected, Apr1.sha1(pass));
        }
        return ConstantTime.equal(hash.getBytes(StandardCharsets.US_ASCII),
                Apr1.crypt(pass, Apr1.salt(hash)).getBytes(StandardCharsets.US_ASCII));
    }

    /** A bcrypt hash to check unknown users against, made on first use. */
    private static final class Dummy {
        static final String BCRYPT = BCrypt.withDefaults().hashToString(10, "x".toCharArray());
    }

    @Override public String toString() {
        return "Htpasswd[" + hashes.size() + " users]";
    }
}
