package dev.mitm4j.http.internal.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link MessageReader} returns for a byte stream, as comparable lines, and the
 * failure that ended it: the same input read whole and one byte at a time must give the same
 * transcript.
 */
final class Transcript {
    final List<String> items = new ArrayList<>();
    @Nullable WebSocketProtocolException error;
    @Nullable IOException otherError;

    static Transcript read(byte[] input, boolean oneByte, Role sender, WebSocketLimits limits,
            @Nullable MessageInflater inflater) {
        BufferedSource source = oneByte
                ? Okio.buffer(new OneByteSource(input)) : new Buffer().write(input);
        Transcript t = new Transcript();
        try (MessageReader reader = new MessageReader(source, sender, limits, inflater)) {
            while (true) {
                Incoming item = reader.next();
                if (item == null) {
                    t.items.add("end");
                    break;
                }
                t.items.add(describe(item));
                if (item instanceof Incoming.Close) {
                    break;
                }
            }
        } catch (WebSocketProtocolException e) {
            t.error = e;
        } catch (IOException e) {
            t.otherError = e;
        }
        return t;
    }

    static String describe(Incoming item) {
        return switch (item) {
            case Incoming.Message m ->
                    Opcodes.name(m.opcode()) + " " + show(m.opcode(), m.payload());
            case Incoming.Chunk c -> "chunk " + Opcodes.name(c.opcode())
                    + (c.first() ? " first" : "") + (c.last() ? " last" : "") + " "
                    + c.data().length + "b";
            case Incoming.Ping p -> "ping " + HexFormat.of().formatHex(p.payload());
            case Incoming.Pong p -> "pong " + HexFormat.of().formatHex(p.payload());
            case Incoming.Close c -> "close " + c.code() + " " + c.reason();
        };
    }

    private static String show(int opcode, byte[] payload) {
        if (opcode == Opcodes.TEXT && payload.length <= 64) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        return payload.length + "b";
    }

    @Override
    public String toString() {
        return items + (error != null ? " error " + error.closeCode() : "")
                + (otherError != null ? " " + otherError.getClass().getSimpleName() : "");
    }
}
