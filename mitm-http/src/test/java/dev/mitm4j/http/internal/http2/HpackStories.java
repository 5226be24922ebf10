package dev.mitm4j.http.internal.http2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The HPACK interoperability stories in ../shared/fixtures/hpack-test-case (or
 * -Dmitm4j.hpack=DIR): each story a list of cases sharing one compression context.
 */
final class HpackStories {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One header block of a story.
     *
     * @param tableSize the SETTINGS_HEADER_TABLE_SIZE acknowledged before it, or -1
     * @param wire the encoded block, or null in raw-data
     * @param headers the fields, strings holding one char per octet
     */
    record Case(int tableSize, byte @Nullable [] wire, List<Headers.Field> headers) {}

    /** A story: a file and its cases. */
    record Story(String name, List<Case> cases) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HpackStories() {}

    static Path base() {
        String dir = System.getProperty("mitm4j.hpack");
        Path base = dir != null ? Path.of(dir) : Path.of("/work/shared/fixtures/hpack-test-case");
        if (!Files.isDirectory(base)) {
            base = Path.of("..", "..", "shared", "fixtures", "hpack-test-case");
        }
        if (!Files.isDirectory(base)) {
            throw new IllegalStateException("fixture missing: " + base.toAbsolutePath()
                    + " (set -Dmitm4j.hpack=DIR)");
        }
        return base;
    }

    /** {@return every story of {@code implementation} (a directory), in name order} */
    static Stream<Story> of(String implementation) {
        Path dir = base().resolve(implementation);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (sorted.isEmpty()) {
                throw new IllegalStateException("no stories in " + dir.toAbsolutePath());
            }
            return sorted.stream().map(HpackStories::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Story read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                int size = c.has("header_table_size") ? c.get("header_table_size").asInt() : -1;
                byte[] wire = c.has("wire") ? hex(c.get("wire").asText()) : null;
                List<Headers.Field> headers = new ArrayList<>();
                for (JsonNode h : c.get("headers")) {
                    Map.Entry<String, JsonNode> e = h.properties().iterator().next();
                    headers.add(new Headers.Field(octets(e.getKey()), octets(e.getValue().asText())));
                }
                cases.add(new Case(size, wire, headers));
            }
            Path parent = file.getParent().getFileName();
            return new Story(parent + "/" + file.getFileName(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UTF-8 octets of a JSON string, one char per octet, as the decoder produces. */
    private static String octets(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex, i * 2, i * 2 + 2, 16);
        }
        return out;
    }
}
