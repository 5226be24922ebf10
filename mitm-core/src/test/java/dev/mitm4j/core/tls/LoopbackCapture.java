package dev.mitm4j.core.tls;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A dumpcap capture on {@code lo} of some TCP ports, made deterministic with marker datagrams.
 *
 * <p>dumpcap (and tshark, which runs it) prints "Capturing on 'lo'" before its packet socket and
 * filter are in place: traffic sent on that message loses its first packets, tens of milliseconds
 * of them on an idle machine and hundreds on a loaded one, and a TLS connection whose ClientHello
 * was not captured cannot be decrypted. And packets reach dumpcap in blocks, so one sent just
 * before dumpcap is stopped may never be written. Hence: dumpcap writes the capture to its
 * standard output, which this class copies to the file while looking for UDP markers sent to a
 * port of its own (caught by the same filter). {@link #start} sends markers until one shows up:
 * from then on every packet is captured. {@link #finish} sends one more after the traffic and
 * waits for it, which proves every earlier packet was delivered, then stops dumpcap, waits for it
 * to exit and for the copy to end, and only then hands out the file.
 *
 * <p>Not thread-safe: one test thread drives it; one virtual thread copies the capture.
 */
final class LoopbackCapture implements AutoCloseable {
    private static final long WAIT_SECONDS = 20;
    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final Process process;
    private final Path pcap;
    private final Path log;
    private final DatagramSocket markerSink;
    private final String markerPrefix =
            "mitm4j-capture-marker-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final BlockingQueue<Integer> markersSeen = new LinkedBlockingQueue<>();
    private final Thread copier;
    private int markersSent;
    private volatile boolean closing;

    private LoopbackCapture(Process process, Path pcap, Path log, DatagramSocket markerSink) {
        this.process = process;
        this.pcap = pcap;
        this.log = log;
        this.markerSink = markerSink;
        this.copier = Thread.ofVirtual().unstarted(this::copy);
    }

    /**
     * {@return whether this machine has tshark and dumpcap on the PATH}: then the capture check
     * runs (and needs root or the wireshark group to capture), unless MITM4J_TSHARK=0.
     */
    static boolean available() {
        if ("0".equals(System.getenv("MITM4J_TSHARK"))) {
            return false;
        }
        String path = System.getenv("PATH");
        return path != null && onPath(path, "tshark") && onPath(path, "dumpcap");
    }

    private static boolean onPath(String path, String command) {
        return Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    /** Starts capturing {@code tcpPorts} into {@code pcap}; returns once packets are captured. */
    static LoopbackCapture start(Path pcap, int... tcpPorts) throws Exception {
        DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        StringBuilder filter = new StringBuilder("udp port " + sink.getLocalPort());
        for (int port : tcpPorts) {
            filter.append(" or tcp port ").append(port);
        }
        Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
        Process p = new ProcessBuilder("dumpcap", "-q", "-i", "lo", "-f", filter.toString(),
                "-P", "-w", "-").redirectError(log.toFile()).start();
        LoopbackCapture capture = new LoopbackCapture(p, pcap, log, sink);
        capture.copier.start();
        try {
            capture.awaitLive();
        } catch (Throwable t) {
            capture.close();
            throw t;
        }
        return capture;
    }

    /** Sends a marker every 50 ms until one was captured: the capture is then running. */
    private void awaitLive() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            sendMarker();
            if (markersSeen.poll(50, TimeUnit.MILLISECONDS) != null) {
                return;
            }
        }
        throw new AssertionError("dumpcap captured none of its markers; to capture on lo it needs"
                + " root or the wireshark group (MITM4J_TSHARK=0 skips the check). dumpcap: "
                + diagnostics());
    }

    /**
     * Sends a last marker, waits until it was captured (so every packet sent before it is in the
     * capture), stops dumpcap and waits for it and for the copy. {@return the capture file}
     */
    Path finish() throws Exception {
        int last = sendMarker();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Integer seen;
        do {
            seen = markersSeen.poll(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } while (seen != null && seen != last);
        if (seen == null) {
            throw new AssertionError("dumpcap never captured the closing marker: "
                    + diagnostics());
        }
        // SIGTERM through the process handle: dumpcap flushes and exits, and the copy reads to
        // the end of its output (Process.destroy would also close the pipe under the copy).
        process.toHandle().destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("dumpcap did not stop: " + diagnostics());
        }
        if (!copier.join(java.time.Duration.ofSeconds(WAIT_SECONDS))) {
            throw new AssertionError("the capture copy did not end");
        }
        return pcap;
    }

    /** {@return what dumpcap wrote to its standard error (interface, counts, drops, errors)} */
    String diagnostics() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Sends marker number {@code markersSent}; {@return its number} */
    private int sendMarker() throws IOException {
        int n = markersSent++;
        byte[] data = (markerPrefix + "-" + n + ".").getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.send(new DatagramPacket(data, data.length, markerSink.getLocalSocketAddress()));
        }
        return n;
    }

    /** Copies dumpcap's pcap stream to the file, reporting each marker packet it sees. */
    private void copy() {
        try (DataInputStream in = new DataInputStream(process.getInputStream());
                OutputStream out = Files.newOutputStream(pcap)) {
            byte[] header = new byte[PCAP_HEADER];
            in.readFully(header);
            out.write(header);
            ByteOrder order = header[0] == (byte) 0xd4 ? ByteOrder.LITTLE_ENDIAN
                    : ByteOrder.BIG_ENDIAN;
            byte[] record = new byte[RECORD_HEADER];
            while (true) {
                in.readFully(record);
                int length = ByteBuffer.wrap(record, 8, 4).order(order).getInt();
                byte[] packet = new byte[length];
                in.readFully(packet);
                out.write(record);
                out.write(packet);
                out.flush();
                reportMarker(packet);
            }
        } catch (EOFException e) {
            // dumpcap stopped
        } catch (IOException e) {
            if (!closing) {
                throw new java.io.UncheckedIOException(e);
            }
            // close() killed dumpcap, and Process.destroy closes the pipe under this read.
        }
    }

    private void reportMarker(byte[] packet) {
        String text = new String(packet, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(markerPrefix + "-");
        if (at >= 0) {
            int from = at + markerPrefix.length() + 1;
            markersSeen.add(Integer.parseInt(text.substring(from, text.indexOf('.', from))));
        }
    }

    @Override
    public void close() {
        closing = true;
        markerSink.close();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
