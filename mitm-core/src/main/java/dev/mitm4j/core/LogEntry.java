package dev.mitm4j.core;

import java.util.Objects;

/**
 * One line of the proxy's user-facing log, as delivered to {@link Addon#addLog}.
 *
 * @param level {@code "debug"}, {@code "info"}, {@code "warn"} or {@code "error"}
 * @param message the text; never contains header values or bodies
 */
public record LogEntry(String level, String message) {
    /** Checks the parts. */
    public LogEntry {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
