package dev.mitm4j.replay.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow file opened for appending whole tnetstring records, which never keeps a partial record
 * in the middle of the file.
 *
 * <p>{@link #append} writes a record at the end of the last whole record. When a write fails
 * part way (a full disk), the file is truncated back to that end at once; when truncating fails
 * too, it is truncated before the next record is written. So a failed write leaves at most a
 * partial record at the very end of the file, which readers skip with a warning, and a later
 * successful write always follows a whole record. Opening with {@code append} first cuts off a
 * record that a killed writer left cut short at the end of the file, for the same reason.
 *
 * <p>Not thread-safe: callers serialise (FlowWriter holds its lock).
 */
public final class RecordFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);
    /** Longest length prefix of a record: tnetstring lengths have at most 12 digits. */
    private static final int MAX_PREFIX = 13;

    private final FileChannel channel;
    private final String name;
    private long end;
    private boolean dirty;

    /**
     * Wraps {@code channel}, whose whole records end at {@code end} (tests pass a channel that
     * fails on purpose).
     */
    public RecordFile(FileChannel channel, String name, long end) {
        this.channel = channel;
        this.name = name;
        this.end = end;
        this.dirty = true;   // anything past end is not ours: cut it before the first write
    }

    /**
     * Opens {@code path}, created if missing; truncated unless {@code append}, else positioned
     * after its last whole record (a record cut short at the end is removed, with a warning).
     */
    public static RecordFile open(Path path, boolean append) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            long end = append ? wholeRecordsEnd(channel, path) : 0;
            RecordFile file = new RecordFile(channel, path.toString(), end);
            file.cutTail();
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@return the end of the last whole record} */
    public long end() {
        return end;
    }

    /**
     * Writes {@code record} after the last whole record.
     *
     * @throws IOException when it could not be written whole; the file then ends (or will, before
     *     the next write) at the previous record
     */
    public void append(byte[] record) throws IOException {
        if (dirty) {
            cutTail();
        }
        ByteBuffer buf = ByteBuffer.wrap(record);
        long at = end;
        try {
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
        } catch (IOException e) {
            dirty = true;
            try {
                cutTail();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        end = at;
    }

    private void cutTail() throws IOException {
        if (channel.size() > end) {
            channel.truncate(end);
        }
        dirty = false;
    }

    /**
     * {@return the offset after the last whole top-level record of a flow file} Only the length
     * prefixes are read. Data that does not look like tnetstring records is left alone: appending
     * starts after it.
     */
    static long wholeRecordsEnd(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        long at = 0;
        ByteBuffer prefix = ByteBuffer.allocate(MAX_PREFIX);
        while (at < size) {
            prefix.clear();
            channel.read(prefix, at);
            int colon = -1;
            for (int i = 0; i < prefix.position(); i++) {
                if (prefix.get(i) == ':') {
                    colon = i;
                    break;
                }
            }
            long length = colon > 0 ? digits(prefix, colon) : -1;
            if (length < 0) {
                if (colon < 0 && at + prefix.position() == size && digits(prefix,
                        prefix.position()) >= 0) {
                    break;   // the length prefix itself was cut short
                }
                LOG.warn("{}: not a flow file record at offset {}; appending after it", path, at);
                return size;
            }
            long next = at + colon + 1 + length + 1;
            if (next > size) {
                break;
            }
            if (!endsWithDictMarker(channel, next - 1)) {
                LOG.warn("{}: not a flow file record at offset {}; appending after it", path, at);
                return size;
            }
            at = next;
        }
        if (at < size) {
            LOG.warn("{}: the last record (offset {}, {} bytes) was cut short; it is removed "
                    + "before appending", path, at, size - at);
        }
        return at;
    }

    /** Every flow record is a tnetstring dict, whose type marker is a closing brace. */
    private static boolean endsWithDictMarker(FileChannel channel, long offset)
            throws IOException {
        ByteBuffer marker = ByteBuffer.allocate(1);
        return channel.read(marker, offset) == 1 && marker.get(0) == '}';
    }

    /** {@return the decimal number in the first {@code n} bytes, or -1 when there is none} */
    private static long digits(ByteBuffer b, int n) {
        if (n == 0 || n > MAX_PREFIX - 1) {
            return -1;
        }
        String text = new String(b.array(), 0, n, StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
