package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.ClientHello;
import dev.mitm4j.tls.ClientHelloException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The record layer under a ClientHello: walks TLS records (5-byte header: type, version, length)
 * and joins their fragments until the handshake message they carry is complete. Keeps where each
 * fragment came from so that errors inside the message report offsets in the raw input.
 *
 * @param message the handshake message: type (1), length (3), body
 * @param fragmentStarts for each fragment, its first index in {@code message}
 * @param rawStarts for each fragment, its first index in the raw input
 * @param recordsLength raw bytes consumed, headers included
 */
public record HelloRecords(byte[] message, int[] fragmentStarts, int[] rawStarts,
        int recordsLength) {

    private static final int HEADER = 5;
    private static final int MAX_RECORD = 16384 + 2048;

    /** {@return the raw-input offset of index {@code i} of the message} */
    public int rawOffset(int i) {
        int k = 0;
        while (k + 1 < fragmentStarts.length && fragmentStarts[k + 1] <= i) {
            k++;
        }
        return fragmentStarts.length == 0 ? i : rawStarts[k] + (i - fragmentStarts[k]);
    }

    /** {@return the joined hello in {@code data[0, length)}}; throws when short or malformed */
    public static HelloRecords reassemble(byte[] data, int length) throws ClientHelloException {
        Walk w = walk(data, length);
        if (w.needed > 0) {
            throw new ClientHelloException("truncated ClientHello: expected " + w.needed
                    + " more byte(s) " + w.what + " at offset " + w.stop, w.stop, true);
        }
        return w.result();
    }

    /** {@return 0 when complete, else the least count of further bytes needed} */
    public static int bytesNeeded(byte[] data, int length) throws ClientHelloException {
        return walk(data, length).needed;
    }

    private static Walk walk(byte[] data, int length) throws ClientHelloException {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length " + length + " of " + data.length);
        }
        Walk w = new Walk();
        int pos = 0;
        while (true) {
            if (length - pos < HEADER) {
                return w.need(HEADER - (length - pos), "of a record header", pos);
            }
            checkHeader(data, pos);
            int fragmentLength = u16(data, pos + 3);
            if (length - pos - HEADER < fragmentLength) {
                return w.need(fragmentLength - (length - pos - HEADER), "of record data",
                        pos + HEADER);
            }
            w.add(data, pos + HEADER, fragmentLength);
            pos += HEADER + fragmentLength;
            int total = w.messageLength(pos);
            if (total >= 0 && w.buffer.size() >= total) {
                w.end = pos;
                return w;
            }
        }
    }

    private static void checkHeader(byte[] data, int pos) throws ClientHelloException {
        if (data[pos] != 22) {
            throw new ClientHelloException(String.format(
                    "expected a handshake record (type 22) at offset %d, found 0x%02x",
                    pos, data[pos] & 0xff), pos, false);
        }
        if (data[pos + 1] != 3) {
            throw new ClientHelloException(String.format(
                    "expected record version 3.x at offset %d, found major version %d",
                    pos + 1, data[pos + 1] & 0xff), pos + 1, false);
        }
        int len = u16(data, pos + 3);
        if (len == 0 || len > MAX_RECORD) {
            throw new ClientHelloException("expected a record length of 1.." + MAX_RECORD
                    + " at offset " + (pos + 3) + ", found " + len, pos + 3, false);
        }
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    /** The state of one walk over the records. */
    private static final class Walk {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final List<int[]> starts = new ArrayList<>();
        int needed;
        String what = "";
        int stop;
        int end;

        Walk need(int n, String what, int at) {
            this.needed = n;
            this.what = what;
            this.stop = at;
            return this;
        }

        void add(byte[] data, int from, int len) {
            starts.add(new int[] {buffer.size(), from});
            buffer.write(data, from, len);
        }

        /** {@return the whole message length once its 4-byte header is in, else -1} */
        int messageLength(int rawPos) throws ClientHelloException {
            if (buffer.size() < 4) {
                return -1;
            }
            byte[] m = buffer.toByteArray();
            if (m[0] != 1) {
                throw new ClientHelloException(String.format("expected a ClientHello handshake"
                        + " message (type 1) at offset %d, found type %d", starts.get(0)[1],
                        m[0] & 0xff), starts.get(0)[1], false);
            }
            int len = (m[1] & 0xff) << 16 | (m[2] & 0xff) << 8 | (m[3] & 0xff);
            if (len > ClientHello.MAX_HELLO_LENGTH) {
                throw new ClientHelloException("expected a ClientHello of at most "
                        + ClientHello.MAX_HELLO_LENGTH + " bytes at offset "
                        + (starts.get(0)[1] + 1) + ", found a length of " + len,
                        starts.get(0)[1] + 1, false);
            }
            return 4 + len;
        }

        HelloRecords result() {
            int[] f = new int[starts.size()];
            int[] r = new int[starts.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = starts.get(i)[0];
                r[i] = starts.get(i)[1];
            }
            return new HelloRecords(buffer.toByteArray(), f, r, end);
        }
    }
}
