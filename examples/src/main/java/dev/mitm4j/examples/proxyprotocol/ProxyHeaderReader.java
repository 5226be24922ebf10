package dev.mitm4j.examples.proxyprotocol;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads a PROXY protocol header, v1 or v2, from the start of a client's bytes: it peeks until the
 * header is complete, within {@link V1Parser#MAX_LENGTH} bytes for v1 and the configured length
 * limit for v2, parses it, and only then consumes it. Bytes that do not start like a header
 * are left alone. Stateless and thread-safe.
 */
final class ProxyHeaderReader {
    static final ByteString V1_PREFIX = ByteString.encodeUtf8("PROXY ");

    private final int maxV2Length;

    ProxyHeaderReader(int maxV2Length) {
        this.maxV2Length = maxV2Length;
    }

    /**
     * {@return the header at the start of {@code source}, consumed; or null, with nothing
     * consumed, when the bytes do not start with a v1 or v2 signature}
     *
     * @throws ProxyProtocolException when the header is malformed, over a limit, or cut short
     *     by the end of the stream
     * @throws IOException when reading fails
     */
    @Nullable ProxyHeader read(BufferedSource source) throws IOException {
        if (startsWith(source, V1_PREFIX)) {
            return v1(source);
        }
        if (startsWith(source, V2Parser.SIGNATURE)) {
            return v2(source);
        }
        return null;
    }

    /**
     * Compares byte by byte as they arrive, so that a client that sent something else is not
     * kept waiting for bytes it will not send.
     */
    private static boolean startsWith(BufferedSource source, ByteString prefix)
            throws IOException {
        for (int i = 0; i < prefix.size(); i++) {
            if (!source.request(i + 1L) || source.getBuffer().getByte(i) != prefix.getByte(i)) {
                return false;
            }
        }
        return true;
    }

    private static ProxyHeader v1(BufferedSource source) throws IOException {
        Buffer buffer = source.getBuffer();
        long lineFeed;
        while ((lineFeed = buffer.indexOf((byte) '\n', 0, V1Parser.MAX_LENGTH)) < 0) {
            long size = buffer.size();
            if (size >= V1Parser.MAX_LENGTH) {
                throw new ProxyProtocolException(1, V1Parser.MAX_LENGTH,
                        "no CR LF within " + V1Parser.MAX_LENGTH + " bytes");
            }
            if (!source.request(size + 1)) {
                throw cutShort(1, buffer.size());
            }
        }
        int length = (int) lineFeed + 1;
        ProxyHeader header = V1Parser.parse(buffer.snapshot(length).toByteArray());
        source.skip(length);
        return header;
    }

    private ProxyHeader v2(BufferedSource source) throws IOException {
        if (!source.request(V2Parser.FIXED_LENGTH)) {
            throw cutShort(2, source.getBuffer().size());
        }
        Buffer buffer = source.getBuffer();
        int length = V2Parser.FIXED_LENGTH + V2Parser.length(
                buffer.snapshot(V2Parser.FIXED_LENGTH).toByteArray(), maxV2Length);
        if (!source.request(length)) {
            throw cutShort(2, buffer.size());
        }
        ProxyHeader header = V2Parser.parse(buffer.snapshot(length).toByteArray());
        source.skip(length);
        return header;
    }

    private static ProxyProtocolException cutShort(int version, long received) {
        return new ProxyProtocolException(version, (int) received,
                "the connection ended inside the header");
    }
}
