package dev.mitm4j.core.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Apache's apr1 variant of MD5-crypt ({@code $apr1$salt$hash}), as {@code htpasswd -m} and
 * {@code openssl passwd -apr1} write it. It is weak (MD5, 1000 rounds) and supported only to
 * read existing htpasswd files; new files should use bcrypt.
 */
final class Apr1 {
    static final String MAGIC = "$apr1$";
    private static final String ITOA64 =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Apr1() {}

    /** {@return the salt of a {@code $apr1$salt$hash} string: at most 8 chars before '$'} */
    static String salt(String hash) {
        String rest = hash.substring(MAGIC.length());
        int end = rest.indexOf('$');
        String salt = end < 0 ? rest : rest.substring(0, end);
        return salt.length() > 8 ? salt.substring(0, 8) : salt;
    }

    /** {@return {@code $apr1$salt$hash} for this password and salt} */
    static String crypt(byte[] password, String salt) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.US_ASCII);
        MessageDigest alt = md5();
        alt.update(password);
        alt.update(saltBytes);
        alt.update(password);
        byte[] altSum = alt.digest();

        MessageDigest ctx = md5();
        ctx.update(password);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(saltBytes);
        for (int left = password.length; left > 0; left -= 16) {
            ctx.update(altSum, 0, Math.min(16, left));
        }
        for (int i = password.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? 0 : (password.length == 0 ? 0 : password[0]));
        }
        byte[] sum = ctx.digest();
        for (int round = 0; round < 1000; round++) {
            MessageDigest r = md5();
            r.update((round & 1) != 0 ? password : sum);
            if (round % 3 != 0) {
                r.update(saltBytes);
            }
            if (round % 7 != 0) {
                r.update(password);
            }
            r.update((round & 1) != 0 ? sum : password);
            sum = r.digest();
        }
        return MAGIC + salt + "$" + encode(sum);
    }

    private static String encode(byte[] s) {
        StringBuilder out = new StringBuilder(22);
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) {
            int v = (s[g[0]] & 0xff) << 16 | (s[g[1]] & 0xff) << 8 | (s[g[2]] & 0xff);
            to64(out, v, 4);
        }
        to64(out, s[11] & 0xff, 2);
        return out.toString();
    }

    private static void to64(StringBuilder out, int v, int n) {
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    static byte[] sha1(byte[] bytes) {
        return digest("SHA-1").digest(bytes);
    }

    private static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has " + algorithm, e);
        }
    }
}
