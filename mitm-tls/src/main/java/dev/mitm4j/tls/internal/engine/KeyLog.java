package dev.mitm4j.tls.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An NSS key log file ({@code SSLKEYLOGFILE} format, read by Wireshark and tshark): one line per
 * secret, {@code LABEL <client random hex> <secret hex>}. Labels written here:
 * {@code CLIENT_RANDOM} (TLS 1.2 master secret); {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET},
 * {@code SERVER_HANDSHAKE_TRAFFIC_SECRET}, {@code CLIENT_TRAFFIC_SECRET_0},
 * {@code SERVER_TRAFFIC_SECRET_0}, {@code EXPORTER_SECRET} (TLS 1.3).
 *
 * <p>Thread-safe: each connection's lines are appended together under one lock shared by every
 * key log of the JVM, so lines of concurrent handshakes never interleave. The file is created
 * owner-only, since it decrypts the traffic. Write failures are reported as
 * {@link UncheckedIOException}; the TLS engine logs them and carries on.
 */
public final class KeyLog {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;

    private KeyLog(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** {@return a key log appending to {@code file}} */
    public static KeyLog toFile(Path file) {
        return new KeyLog(file);
    }

    /**
     * {@return the key log named by {@code MITMPROXY_SSLKEYLOGFILE}, else by {@code SSLKEYLOGFILE},
     * as mitmproxy reads them; null when neither is set}
     */
    public static @Nullable KeyLog fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@return the key log named in {@code env} (see {@link #fromEnvironment()})} */
    public static @Nullable KeyLog fromEnvironment(Map<String, String> env) {
        for (String name : new String[] {"MITMPROXY_SSLKEYLOGFILE", "SSLKEYLOGFILE"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return new KeyLog(Path.of(value));
            }
        }
        return null;
    }

    /** {@return the file} */
    public Path file() {
        return file;
    }

    /** Appends one line per (label, secret) pair for the connection of {@code clientRandom}. */
    void append(byte[] clientRandom, String[] labels, byte[][] secrets) {
        StringBuilder sb = new StringBuilder();
        String random = HEX.formatHex(clientRandom);
        for (int i = 0; i < labels.length; i++) {
            if (secrets[i] != null) {
                sb.append(labels[i]).append(' ').append(random).append(' ')
                        .append(HEX.formatHex(secrets[i])).append('\n');
            }
        }
        if (sb.isEmpty()) {
            return;
        }
        LOCK.lock();
        try {
            createOwnerOnly();
            Files.writeString(file, sb, StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the key log " + file, e);
        } finally {
            LOCK.unlock();
        }
    }

    private void createOwnerOnly() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Override
    public String toString() {
        return "KeyLog[" + file + "]";
    }
}
