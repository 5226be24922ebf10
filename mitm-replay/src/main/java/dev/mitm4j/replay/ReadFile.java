package dev.mitm4j.replay;

import dev.mitm4j.core.Options;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code rfile} ({@code -r}) and {@code readfile_filter} options: reads the flows of a flow
 * file or HAR file ({@code -} is standard input), keeping those that match the filter, and
 * hands them one by one to a consumer (so a tool such as {@code mitmdump -n -r in -w out
 * "~m POST"} streams in constant memory). Stateless and thread-safe.
 */
public final class ReadFile {
    private ReadFile() {}

    /**
     * Streams the flows of {@code options.rfile()} that match {@code readfile_filter} to
     * {@code sink}; does nothing when {@code rfile} is unset.
     *
     * @return how many flows were passed on
     * @throws FlowFileException when the file is damaged (a truncated last record is not)
     */
    public static long read(Options options, Consumer<Flow> sink) throws IOException {
        String file = options.rfile();
        if (file == null || file.isEmpty()) {
            return 0;
        }
        return read(file, options.readfileFilter(), sink);
    }

    /** Like {@link #read(Options, Consumer)}, for an explicit file and filter. */
    public static long read(String file, @Nullable String filter, Consumer<Flow> sink)
            throws IOException {
        FlowFilter f = filter == null || filter.isBlank() ? null : FlowFilter.parse(filter);
        InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        long n = 0;
        FlowReader reader = new FlowReader(in);
        try {
            for (Flow flow = reader.read(); flow != null; flow = reader.read()) {
                if (f == null || f.test(flow)) {
                    sink.accept(flow);
                    n++;
                }
            }
        } finally {
            if (!file.equals("-")) {
                reader.close();
            }
        }
        return n;
    }

    /** {@return the matching flows of {@code file}, in order} */
    public static List<Flow> readAll(String file, @Nullable String filter) throws IOException {
        List<Flow> flows = new ArrayList<>();
        read(file, filter, flows::add);
        return flows;
    }
}
