package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.core.Streaming;
import dev.mitm4j.core.internal.BodyBudget;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Writer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * Reading bodies whole (within {@code body_size_limit}, {@code stream_large_bodies} and the
 * server's {@link BodyBudget}) and streaming them.
 *
 * <p>A body of known length is read straight into one array of that length, reserved from the
 * budget before its first byte is read; a chunked or close-delimited body grows in a buffer,
 * reserving as it grows. Either way a body is held once, never copied while it is read.
 */
final class Bodies {
    static final byte[] EMPTY = new byte[0];
    private static final long READ_SIZE = 64 * 1024;

    private Bodies() {}

    /**
     * The result of buffering: either the whole body, or the part read before the body had to be
     * streamed (past {@code stream_large_bodies}, or not fitting the memory budget).
     *
     * @param notFitting why the body was too large to buffer, or null
     */
    record Read(byte @Nullable [] whole, @Nullable Buffer prefix, @Nullable String notFitting) {}

    /**
     * mitmproxy's early check: a body whose Content-Length exceeds {@code sizeLimit} (-1: no
     * limit) fails before any of it is read.
     *
     * @throws BodyTooLargeException when it does
     */
    static void checkDeclaredSize(BodyFraming framing, String what, long sizeLimit)
            throws BodyTooLargeException {
        if (sizeLimit >= 0 && framing.kind() == BodyFraming.Kind.CONTENT_LENGTH
                && framing.contentLength() > sizeLimit) {
            throw new BodyTooLargeException(what, sizeLimit);
        }
    }

    /**
     * Reads {@code body} until its end, or until it exceeds {@code streamThreshold} (-1: never)
     * or no longer fits in {@code budget}.
     *
     * @throws BodyTooLargeException when it exceeds {@code sizeLimit} (-1: no limit)
     */
    static Read read(Source body, BodyFraming framing, String what, long sizeLimit,
            long streamThreshold, BodyBudget.Reservation budget, Connection connection)
            throws IOException {
        if (framing.kind() == BodyFraming.Kind.CONTENT_LENGTH) {
            checkDeclaredSize(framing, what, sizeLimit);
            return readKnownLength(body, framing.contentLength(), budget, connection);
        }
        Buffer buffer = new Buffer();
        long taken = 0;
        while (body.read(buffer, READ_SIZE) != -1) {
            connection.active();
            long size = buffer.size();
            if (sizeLimit >= 0 && size > sizeLimit) {
                throw new BodyTooLargeException(what, sizeLimit);
            }
            String notFitting = size > BodyBudget.LARGEST_BODY ? tooLargeForAnArray()
                    : budget.tryTake(size - taken) ? null : notInBudget(budget);
            if (notFitting == null) {
                taken = size;
            }
            if (notFitting != null || (streamThreshold >= 0 && size > streamThreshold)) {
                budget.giveBack(taken);
                return new Read(null, buffer, notFitting);
            }
        }
        return new Read(buffer.size() == 0 ? EMPTY : buffer.readByteArray(), null, null);
    }

    private static Read readKnownLength(Source body, long length, BodyBudget.Reservation budget,
            Connection connection) throws IOException {
        if (length > BodyBudget.LARGEST_BODY) {
            return new Read(null, new Buffer(), tooLargeForAnArray());
        }
        if (!budget.tryTake(length)) {
            return new Read(null, new Buffer(), notInBudget(budget));
        }
        byte[] whole = new byte[(int) length];
        Buffer chunk = new Buffer();
        int filled = 0;
        while (filled < length) {
            if (body.read(chunk, Math.min(READ_SIZE, length - filled)) == -1) {
                throw new java.io.EOFException("body ended after " + filled + " of " + length
                        + " bytes");
            }
            connection.active();
            while (chunk.size() > 0) {
                filled += chunk.read(whole, filled, (int) chunk.size());
            }
        }
        return new Read(whole, null, null);
    }

    private static String tooLargeForAnArray() {
        return "larger than " + BodyBudget.LARGEST_BODY + " bytes, the most one body can hold";
    }

    private static String notInBudget(BodyBudget.Reservation budget) {
        return "over what is left of body_memory_budget (" + budget.budget() + " bytes, shared "
                + "by the flows in progress)";
    }

    /**
     * Logs at WARN that {@code flow}'s {@code what} body is not kept, why, and what happens to
     * it instead ({@code fate}, e.g. "streamed through").
     */
    static void warnNotKept(org.slf4j.Logger log, String connectionId, HttpFlow flow,
            String what, @Nullable String why, String fate) {
        log.warn("{}: the {} body of {} {} is {}, not kept: {}", connectionId, what,
                flow.request().method(), flow.request().url(), fate, why);
    }

    /**
     * Records on {@code flow} that its {@code what} ("request" or "response") body was passed
     * on without being kept: its raw content is null, as in mitmproxy, and the metadata entry
     * {@link Streaming#NOT_KEPT} lists it.
     */
    static void markNotKept(HttpFlow flow, String what) {
        if (what.equals("request")) {
            flow.request().rawContent(null);
        } else if (flow.response() != null) {
            flow.response().rawContent(null);
        }
        Object prior = flow.metadata().get(Streaming.NOT_KEPT);
        List<Object> parts = new ArrayList<>(prior instanceof List<?> l ? l : List.of());
        if (!parts.contains(what)) {
            parts.add(what);
        }
        flow.metadata().put(Streaming.NOT_KEPT, List.copyOf(parts));
    }

    /**
     * Streams {@code prefix} then the rest of {@code body} to {@code out}, flushing after every
     * read, through {@code transformer} when there is one. Never holds more than one read.
     *
     * @return the number of bytes read
     * @throws BodyTooLargeException when the body exceeds {@code sizeLimit} (-1: no limit)
     */
    static long stream(@Nullable Buffer prefix, Source body, Sink out,
            @Nullable ChunkTransformer transformer, String what, long sizeLimit,
            Connection connection) throws IOException {
        Buffer buffer = prefix != null ? prefix : new Buffer();
        long total = buffer.size();
        while (true) {
            if (buffer.size() > 0) {
                if (sizeLimit >= 0 && total > sizeLimit) {
                    throw new BodyTooLargeException(what, sizeLimit);
                }
                if (transformer == null) {
                    out.write(buffer, buffer.size());
                } else {
                    write(out, transformer.transform(buffer.readByteArray()));
                }
                out.flush();
            }
            long n = body.read(buffer, READ_SIZE);
            if (n == -1) {
                return total;
            }
            connection.active();
            total += n;
        }
    }

    /**
     * Writes {@code bytes} a slice at a time (a chunked sink: one chunk per slice), so that the
     * sink's buffer never holds a copy of a large body.
     */
    private static void write(Sink out, byte[] bytes) throws IOException {
        Buffer slice = new Buffer();
        for (int offset = 0; offset < bytes.length; offset += (int) READ_SIZE) {
            int n = (int) Math.min(READ_SIZE, bytes.length - offset);
            slice.write(bytes, offset, n);
            out.write(slice, n);
        }
    }

    /**
     * Ends a streamed body: {@code trailers} (if any, and if the body went chunked), the last
     * chunk, one flush.
     *
     * @param message "request" or "response", for the exception
     * @throws UnwritableHeadException when the writer refuses the trailers
     */
    static void finish(Sink out, Http1Writer writer, @Nullable Headers trailers, String message)
            throws IOException {
        if (trailers != null && writer.chunkedBodyOpen()) {
            try {
                writer.writeTrailers(trailers);
            } catch (IllegalArgumentException e) {
                throw UnwritableHeadException.refused(message, writer, e);
            }
        }
        out.close();
    }

    /**
     * Reads and drops the rest of {@code body}, for a body no one receives and that could not be
     * kept (client replay over the budget).
     *
     * @throws BodyTooLargeException when the body exceeds {@code sizeLimit} (-1: no limit)
     */
    static void discard(@Nullable Buffer prefix, Source body, String what, long sizeLimit,
            Connection connection) throws IOException {
        long total = prefix == null ? 0 : prefix.size();
        Buffer buffer = new Buffer();
        long n;
        while ((n = body.read(buffer, READ_SIZE)) != -1) {
            connection.active();
            total += n;
            buffer.clear();
            if (sizeLimit >= 0 && total > sizeLimit) {
                throw new BodyTooLargeException(what, sizeLimit);
            }
        }
    }
}
