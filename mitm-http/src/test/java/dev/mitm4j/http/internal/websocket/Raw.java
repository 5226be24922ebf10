package dev.mitm4j.http.internal.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds frames byte by byte, independently of {@link FrameWriter}, so that tests can write what
 * the writer refuses to: reserved bits and opcodes, wrong masking, oversized control frames,
 * non-minimal lengths.
 */
final class Raw {
    /** The masking key of RFC 6455 §5.7's examples. */
    static final int KEY = 0x37fa213d;

    private Raw() {}

    /** A frame from a server: unmasked, with the shortest length. */
    static byte[] server(int firstByte, byte[] payload) {
        return frame(firstByte, false, payload.length, -1, payload);
    }

    /** A frame from a client: masked with {@link #KEY}, with the shortest length. */
    static byte[] client(int firstByte, byte[] payload) {
        return frame(firstByte, true, payload.length, -1, payload);
    }

    /**
     * A frame with full control.
     *
     * @param firstByte FIN, RSV1-3 and the opcode
     * @param mask whether to mask with {@link #KEY}
     * @param length the length to announce (may differ from the payload's)
     * @param lengthBytes 0, 2 or 8 to force an encoding, -1 for the shortest
     */
    static byte[] frame(int firstByte, boolean mask, long length, int lengthBytes,
            byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = mask ? 0x80 : 0;
        if (lengthBytes == -1) {
            lengthBytes = length <= 125 ? 0 : length <= 0xffff ? 2 : 8;
        }
        if (lengthBytes == 0) {
            out.write(maskBit | (int) length);
        } else if (lengthBytes == 2) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        byte[] body = payload.clone();
        if (mask) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(KEY >>> shift);
            }
            for (int i = 0; i < body.length; i++) {
                body[i] ^= (byte) (KEY >>> (24 - 8 * (i % 4)));
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A close payload with {@code code} and {@code reason}, built by hand. */
    static byte[] close(int code, byte[] reason) {
        return concat(bytes(code >>> 8, code & 0xff), reason);
    }
}
