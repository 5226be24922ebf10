package dev.mitm4j.core.internal.addons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The value of an {@code @path} spec part: the file's bytes, read again whenever its
 * modification time or size changed since the last read (mitmproxy reads the file on every
 * use; this keeps that behaviour without reading an unchanged file each time). Thread-safe.
 */
final class WatchedFile {
    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable FileTime modified;
    private long size = -1;
    private byte[] bytes = new byte[0];

    WatchedFile(Path path) {
        this.path = path;
    }

    /** {@return the path, {@code ~} expanded} */
    Path path() {
        return path;
    }

    /** {@return {@code spec} ({@code ~} or {@code ~/...} expanded to the user's home) as a path} */
    static Path expand(String spec) {
        if (spec.equals("~") || spec.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + spec.substring(1));
        }
        return Path.of(spec);
    }

    /**
     * {@return the file's current bytes}
     *
     * @throws IOException when the file cannot be read
     */
    byte[] read() throws IOException {
        lock.lock();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.lastModifiedTime().equals(modified) || attributes.size() != size) {
                bytes = Files.readAllBytes(path);
                modified = attributes.lastModifiedTime();
                size = attributes.size();
            }
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
