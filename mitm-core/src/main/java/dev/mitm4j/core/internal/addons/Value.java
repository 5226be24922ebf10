package dev.mitm4j.core.internal.addons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The last part of a {@code modify_headers} or {@code modify_body} spec: an escaped literal, or
 * {@code @path} naming a file whose current content is the value (re-read when it changes).
 * Values are one char per byte. Thread-safe.
 */
final class Value {
    private final @Nullable String literal;
    private final @Nullable WatchedFile file;

    private Value(@Nullable String literal, @Nullable WatchedFile file) {
        this.literal = literal;
        this.file = file;
    }

    /**
     * {@return the value of {@code text}; a file must be readable now}
     *
     * @throws SpecException when the {@code @path} file cannot be read
     */
    static Value parse(String option, String spec, String text) {
        if (!text.startsWith("@")) {
            return new Value(Latin1.unescape(text), null);
        }
        WatchedFile file = new WatchedFile(WatchedFile.expand(text.substring(1)));
        if (!Files.isReadable(file.path()) || Files.isDirectory(file.path())) {
            throw Spec.invalid(option, spec, "cannot read file " + file.path());
        }
        return new Value(null, file);
    }

    /** {@return whether the value comes from a file (and is then taken literally)} */
    boolean isFile() {
        return file != null;
    }

    /** {@return the file the value comes from, {@code ~} expanded, or null for a literal} */
    @Nullable Path file() {
        return file == null ? null : file.path();
    }

    /**
     * {@return the current value, one char per byte}
     *
     * @throws UncheckedIOException when the file cannot be read any more
     */
    String get() {
        if (literal != null) {
            return literal;
        }
        try {
            return Latin1.of(file.read());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }
}
