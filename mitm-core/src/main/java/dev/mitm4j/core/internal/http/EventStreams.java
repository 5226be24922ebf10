package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.io.IOException;
import java.util.Locale;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * {@code text/event-stream} responses (Server-Sent Events and their kin) are streamed by default,
 * event by event: buffered, a client would see no event until the stream ended, which for most
 * never happens (mitmproxy buffers them; its issue #4469). Their flow still keeps what streamed
 * through, up to {@link #KEPT_BYTES}: the response content holds the first bytes as the server
 * sent them, and the flow's metadata {@value #STREAMED_BYTES} the count of all bytes streamed. A
 * stream cut at that bound is also listed in {@link dev.mitm4j.core.Streaming#NOT_KEPT}, as a
 * body not kept whole.
 */
final class EventStreams {
    /** How much of an event stream its flow keeps: 1 MiB, the first events of a long stream. */
    static final long KEPT_BYTES = 1024 * 1024;
    /** The metadata key of the number of body bytes that streamed through. */
    static final String STREAMED_BYTES = "streamed_bytes";

    private EventStreams() {}

    /** {@return whether {@code headers} announce a {@code text/event-stream} body} */
    static boolean is(Headers headers) {
        String type = headers.get("Content-Type");
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String media = semicolon < 0 ? type : type.substring(0, semicolon);
        return media.strip().toLowerCase(Locale.ROOT).equals("text/event-stream");
    }

    /**
     * An event stream's flow keeps what streamed through {@code tap} (nothing to do without a
     * tap): the first bytes as the response content, the count in the metadata, and a stream cut
     * at {@link #KEPT_BYTES} is listed as a body not kept whole.
     */
    static void keep(HttpFlow flow, Response response, @Nullable Tap tap) {
        if (tap == null) {
            return;
        }
        if (tap.total() > KEPT_BYTES) {
            Bodies.markNotKept(flow, "response");
        }
        response.rawContent(tap.kept());
        flow.metadata().put(STREAMED_BYTES, tap.total());
    }

    /** A source that keeps a copy of the first {@link #KEPT_BYTES} bytes read through it. */
    static final class Tap extends ForwardingSource {
        private final Buffer kept = new Buffer();
        private long total;

        Tap(Source delegate) {
            super(delegate);
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long n = super.read(sink, byteCount);
            if (n > 0) {
                long room = KEPT_BYTES - kept.size();
                if (room > 0) {
                    sink.copyTo(kept, sink.size() - n, Math.min(n, room));
                }
                total += n;
            }
            return n;
        }

        /** {@return the bytes kept} */
        byte[] kept() {
            return kept.readByteArray();
        }

        /** {@return how many bytes were read through this source} */
        long total() {
            return total;
        }
    }
}
