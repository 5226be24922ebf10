package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.Flow;
import dev.mitm4j.replay.internal.RecordFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow file written by {@link FlowWriter#open} never holds a partial record in its middle:
 * writes that fail part way (a full disk) are cut back, and writing goes on once space returns.
 * The disk here is a {@link SpaceLimitedChannel}; MitmdumpDiskFullTest fills a real one.
 */
class FailedWritesTest {
    private static final int VERSION = FlowWriter.CURRENT_VERSION;

    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsPartWayIsCutBackAndLaterFlowsFollowTheLastWholeRecord() throws Exception {
        Path path = dir.resolve("f.mitm");
        long first = record(1).length;
        SpaceLimitedChannel disk = disk(path, first + record(2).length / 2);
        try (FlowWriter writer = FlowWriter.over(new RecordFile(disk, "f", 0), VERSION)) {
            writer.add(TestFlows.http(1));
            assertThrows(IOException.class, () -> writer.add(TestFlows.http(2)));
            assertEquals(first, Files.size(path), "the partial record was cut off");
            assertThrows(IOException.class, () -> writer.add(TestFlows.http(3)), "still full");
            assertEquals(first, Files.size(path));

            disk.capacity = Long.MAX_VALUE;   // space returns
            writer.add(TestFlows.http(4));
        }
        assertFlows(path, 1, 4);
    }

    @Test
    void whenCuttingBackFailsTooTheNextWriteCutsFirst() throws Exception {
        Path path = dir.resolve("f.mitm");
        long first = record(1).length;
        SpaceLimitedChannel disk = disk(path, first + 10);
        try (FlowWriter writer = FlowWriter.over(new RecordFile(disk, "f", 0), VERSION)) {
            writer.add(TestFlows.http(1));
            disk.failTruncates = 1;
            IOException e = assertThrows(IOException.class, () -> writer.add(TestFlows.http(2)));
            assertEquals("Input/output error", e.getSuppressed()[0].getMessage());
            assertEquals(first + 10, Files.size(path), "the partial record is still there");

            disk.capacity = Long.MAX_VALUE;
            writer.add(TestFlows.http(3));
        }
        assertFlows(path, 1, 3);
    }

    @Test
    void appendingAfterAKilledWriterFirstRemovesTheRecordItCutShort() throws Exception {
        Path path = dir.resolve("f.mitm");
        byte[] two = record(2);
        Files.write(path, concat(record(1), Arrays.copyOf(two, two.length - 7)));
        try (FlowWriter writer = FlowWriter.open(path, true, VERSION)) {
            writer.add(TestFlows.http(3));
        }
        assertFlows(path, 1, 3);
    }

    @Test
    void appendingAfterALengthPrefixCutShortRemovesIt() throws Exception {
        Path path = dir.resolve("f.mitm");
        Files.write(path, concat(record(1), "12".getBytes(StandardCharsets.US_ASCII)));
        try (FlowWriter writer = FlowWriter.open(path, true, VERSION)) {
            writer.add(TestFlows.http(3));
        }
        assertFlows(path, 1, 3);
    }

    @Test
    void appendingToSomethingThatIsNotAFlowFileKeepsEveryByteOfIt() throws Exception {
        Path path = dir.resolve("notes.txt");
        byte[] text = "5:hello,not a flow file".getBytes(StandardCharsets.US_ASCII);
        Files.write(path, text);
        try (FlowWriter writer = FlowWriter.open(path, true, VERSION)) {
            writer.add(TestFlows.http(1));
        }
        byte[] all = Files.readAllBytes(path);
        assertArrayEquals(text, Arrays.copyOf(all, text.length));
        assertEquals(text.length + record(1).length, all.length);
    }

    private static byte[] record(int i) {
        return FlowWriter.encode(TestFlows.http(i), VERSION);
    }

    private static SpaceLimitedChannel disk(Path path, long capacity) throws IOException {
        return new SpaceLimitedChannel(FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE), capacity);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The file holds exactly the records of these flows, each whole. */
    private static void assertFlows(Path path, int... ids) throws Exception {
        List<Flow> flows = FlowReader.readAll(path);
        assertEquals(Arrays.stream(ids).mapToObj(i -> "comment " + i).toList(),
                flows.stream().map(Flow::comment).toList());
        long whole = Arrays.stream(ids).map(i -> record(i).length).sum();
        assertEquals(whole, Files.size(path), "nothing but whole records");
    }
}
