package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Options;
import org.jspecify.annotations.Nullable;

/**
 * What a mitmdump command line asks for: run the proxy with these options, or just print
 * something and exit.
 *
 * @param filter the positional filter expression (joined with spaces), or null
 */
public record Invocation(Action action, Options options, @Nullable String filter) {
    /** What to do. */
    public enum Action {
        /** Run the proxy until Ctrl-C or SIGTERM. */
        RUN,
        /** Print the version and exit. */
        VERSION,
        /** Print every option with type, default and help, and exit. */
        OPTIONS,
        /** Print the usage and exit. */
        HELP
    }
}
