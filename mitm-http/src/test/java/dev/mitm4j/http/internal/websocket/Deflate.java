package dev.mitm4j.http.internal.websocket;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Raw DEFLATE made with the JDK directly, independently of {@link MessageDeflater}. */
final class Deflate {
    private Deflate() {}

    /** {@return {@code data} compressed and sync-flushed, with the 00 00 ff ff tail stripped} */
    static byte[] message(byte[] data) {
        return message(data, 1, 1);
    }

    /** {@return {@code repeat} copies of {@code data} as one stripped message, at {@code level}} */
    static byte[] message(byte[] data, int repeat, int level) {
        Deflater deflater = new Deflater(level, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < repeat; i++) {
            deflater.setInput(data);
            while (!deflater.needsInput()) {
                out.write(buf, 0, deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
