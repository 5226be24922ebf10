package dev.mitm4j.replay;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.internal.har.HarExporter;
import dev.mitm4j.replay.internal.har.HarImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HAR 1.2 (HTTP Archive) import and export with mitmproxy's mappings: {@link #read} does what
 * {@code mitmdump -r file.har} does, {@link #write} what the {@code hardump} option and
 * {@code save.har} command write. Only HTTP flows are exported; others are skipped. Stateless
 * and thread-safe.
 */
public final class HarFiles {
    private HarFiles() {}

    /**
     * {@return the flows of the HAR document in {@code in}, one per entry}
     *
     * @throws FlowFileException when it is not JSON or an entry lacks a request URL or method
     */
    public static List<HttpFlow> read(InputStream in) throws IOException {
        return HarImporter.read(in);
    }

    /** {@return the flows of the HAR file at {@code path}} */
    public static List<HttpFlow> read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    /** Writes {@code flows} as a HAR document (pretty-printed UTF-8 JSON) to {@code out}. */
    public static void write(List<? extends Flow> flows, OutputStream out) throws IOException {
        HarExporter.write(flows, out);
    }

    /** Writes {@code flows} as a HAR file at {@code path}, replacing it. */
    public static void write(List<? extends Flow> flows, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(flows, out);
        }
    }
}
