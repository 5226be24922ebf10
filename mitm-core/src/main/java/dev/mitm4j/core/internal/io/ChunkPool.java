package dev.mitm4j.core.internal.io;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The 64 KiB arrays that socket reads and writes borrow for the length of one call (see
 * {@link SocketStreams}), so that a connection holds none between calls: an idle keep-alive
 * connection costs no large array, and a new connection allocates none. At most {@link #KEPT}
 * arrays (2 MiB) are kept; when more calls run at once, the extra arrays are allocated and left
 * to the garbage collector on return. Lock-free; any thread.
 *
 * <p>A borrowed array holds bytes of earlier calls, possibly of other connections: callers read
 * and write only the part they filled themselves.
 */
final class ChunkPool {
    /** How many arrays the pool keeps at most. */
    static final int KEPT = 32;

    private static final AtomicReferenceArray<byte[]> SLOTS = new AtomicReferenceArray<>(KEPT);

    private ChunkPool() {}

    /** {@return an array of {@link SocketStreams#CHUNK} bytes; give it back when done} */
    static byte[] take() {
        for (int i = 0; i < KEPT; i++) {
            byte[] chunk = SLOTS.get(i);
            if (chunk != null && SLOTS.compareAndSet(i, chunk, null)) {
                return chunk;
            }
        }
        return new byte[SocketStreams.CHUNK];
    }

    /** Returns an array that {@link #take()} lent; it must not be used afterwards. */
    static void give(byte[] chunk) {
        for (int i = 0; i < KEPT; i++) {
            if (SLOTS.get(i) == null && SLOTS.compareAndSet(i, null, chunk)) {
                return;
            }
        }
    }
}
