package dev.mitm4j.examples.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for mitmproxy's "auto" content view: text bodies line by line, anything else
 * as a hex dump ({@code offset  hex bytes  ascii}, 16 bytes a line).
 */
final class ContentView {
    private ContentView() {}

    static List<String> lines(byte[] body) {
        String text = utf8(body);
        if (text != null && printable(text)) {
            return List.of(text.split("\r?\n", -1));
        }
        return hex(body);
    }

    private static @org.jspecify.annotations.Nullable String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean printable(String text) {
        return text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }

    private static List<String> hex(byte[] body) {
        List<String> lines = new ArrayList<>();
        for (int offset = 0; offset < body.length; offset += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = offset; i < Math.min(offset + 16, body.length); i++) {
                hex.append(String.format("%02x ", body[i] & 0xff));
                ascii.append(body[i] >= 0x20 && body[i] < 0x7f ? (char) body[i] : '.');
            }
            lines.add(String.format("%010x %-48s %s", offset, hex, ascii).stripTrailing());
        }
        return lines;
    }
}
