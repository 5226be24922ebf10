package dev.mitm4j.testkit.pathod;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a crafted HTTP/1 message (start line, headers, blank line, body) and the writer
 * that applies a spec's actions to them while streaming. Immutable; the body is produced while
 * writing, so large generated bodies are never held in memory.
 */
public final class CraftedMessage {
    private final byte[] head;
    private final @Nullable Value body;

    private CraftedMessage(byte[] head, @Nullable Value body) {
        this.head = head;
        this.body = body;
    }

    static CraftedMessage of(String startLine, List<Header> headers, @Nullable Value body,
            boolean raw) {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        boolean hasLength = false;
        for (Header h : headers) {
            String name = h.name().text();
            hasLength |= name.equalsIgnoreCase("Content-Length");
            sb.append(name).append(": ").append(h.value().text()).append("\r\n");
        }
        if (!raw && !hasLength) {
            sb.append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n");
        }
        sb.append("\r\n");
        return new CraftedMessage(sb.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** {@return the length of the base message in bytes} */
    public long length() {
        return head.length + (body == null ? 0 : body.length());
    }

    /** Waits for a pause; {@code null} means forever (until the server stops). */
    @FunctionalInterface
    public interface Pauser {
        /** Waits; returns early when the server shuts down. */
        void pause(@Nullable Duration duration) throws InterruptedException;
    }

    /**
     * Writes the message, applying {@code actions} at their offsets: injections, then pauses,
     * then disconnects, at equal offsets in spec order.
     *
     * @return true when a disconnect action ended the write (the caller closes the connection)
     */
    public boolean writeTo(OutputStream out, List<Action> actions, Pauser pauser)
            throws IOException, InterruptedException {
        long length = length();
        record Resolved(long at, Action action) {}
        List<Resolved> resolved = new ArrayList<>();
        for (Action a : actions) {
            resolved.add(new Resolved(a.offset().resolve(length), a));
        }
        resolved.sort(Comparator.comparingLong(Resolved::at)
                .thenComparingInt(r -> r.action().rank()));
        long pos = 0;
        for (Resolved r : resolved) {
            copy(out, pos, r.at());
            pos = r.at();
            switch (r.action()) {
                case Action.Inject i -> i.value().writeTo(out, 0, i.value().length());
                case Action.Pause p -> {
                    out.flush();
                    pauser.pause(p.duration());
                }
                case Action.Disconnect d -> {
                    out.flush();
                    return true;
                }
            }
        }
        copy(out, pos, length);
        out.flush();
        return false;
    }

    private void copy(OutputStream out, long from, long to) throws IOException {
        if (from < head.length) {
            int end = (int) Math.min(to, head.length);
            out.write(head, (int) from, end - (int) from);
        }
        if (body != null && to > head.length) {
            body.writeTo(out, Math.max(0, from - head.length), to - head.length);
        }
    }
}
