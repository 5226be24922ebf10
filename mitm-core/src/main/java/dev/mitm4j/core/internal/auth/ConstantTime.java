package dev.mitm4j.core.internal.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparisons of secrets whose time does not depend on where (or whether) they differ. */
final class ConstantTime {
    private ConstantTime() {}

    /**
     * {@return whether {@code a} equals {@code b}}; both are hashed first so that the time does
     * not reveal the expected length either.
     */
    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
