package dev.mitm4j.core.internal;

import java.io.IOException;

/** Closing without caring: for teardown paths, where the first failure already was reported. */
public final class Closer {
    private Closer() {}

    public static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            Connection.LOG.trace("close failed", e);
        } catch (Exception e) {
            Connection.LOG.trace("close failed", e);
        }
    }
}
