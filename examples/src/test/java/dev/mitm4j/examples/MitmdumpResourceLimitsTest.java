package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mitmdump in its own JVM, run out of file descriptors or heap, or given bodies larger than its
 * memory budget: it keeps serving and says what it did. Each test starts the process with a low
 * open-file limit ({@code ulimit -n} in bash), a small heap or a small budget.
 */
class MitmdumpResourceLimitsTest {
    private static final Pattern LISTENING = Pattern.compile("listening at [^ ]+:(\\d+)\\.$");
    private static final Pattern FAILED_ATTEMPTS = Pattern.compile("after (\\d+) failed attempts");
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir Path dir;
    private final List<Socket> sockets = new ArrayList<>();
    private Process process;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (process != null) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void acceptsAgainOnceDescriptorsRunOutAndAreFreed() throws Exception {
        try (Backend backend = new Backend()) {
            int port = start(List.of("-Xmx256m"), 256, "--set", "connection_limit=100000");
            // A proxy that has served traffic: run from class directories, as here, the JVM
            // opens a file for each class it loads, and a class it failed to load for want of
            // a descriptor stays failed in the code that referred to it. The mitmdump jar is
            // open already and needs none.
            assertTrue(served(port, backend.url("/first")), "served before");
            // More idle connections than the process has descriptors for: the last ones wait in
            // the listen backlog while accept fails with EMFILE.
            for (int i = 0; i < 300; i++) {
                sockets.add(new Socket("127.0.0.1", port));
            }
            Socket waiting = sockets.removeLast();
            waiting.getOutputStream().write(get(backend.url("/waited")));
            awaitLog("Too many open files");
            Thread.sleep(1000);   // a streak of several failed attempts (10 ms, 20 ms, ...)
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
            waiting.setSoTimeout(20_000);
            assertTrue(readResponse(waiting).startsWith("HTTP/1.1 200"),
                    "the connection that waited in the backlog is served");
            waiting.close();
            assertTrue(served(port, backend.url("/new")), "a new connection is served");
            // The guarantee is per streak, not per run: while the freed descriptors are taken
            // again by the backlog's connections, accept may fail and succeed again several
            // times. Each streak logs one WARN (with the limit) and ends with one recovery line
            // before the connection that ended it is served; the lines do not grow with the
            // failed attempts.
            String log = log();
            List<String> warnings = lines(log, "accept failed on ");
            List<String> recoveries = lines(log, "accepting again on ");
            assertFalse(warnings.isEmpty(), log);
            assertEquals(warnings.size(), recoveries.size(), log);
            for (String warning : warnings) {
                assertTrue(warning.contains(" WARN ")
                        && warning.contains("(open-file limit of this process: 256)"), warning);
            }
            int attempts = 0;
            for (String recovery : recoveries) {
                Matcher m = FAILED_ATTEMPTS.matcher(recovery);
                assertTrue(m.find(), recovery);
                attempts += Integer.parseInt(m.group(1));
            }
            assertTrue(attempts > warnings.size(), "one line per failed attempt: " + log);
        }
    }

    @Test
    void theDefaultConnectionLimitFollowsTheOpenFileLimit() throws Exception {
        try (Backend backend = new Backend()) {
            int port = start(List.of("-Xmx256m"), 256);
            int limit = (256 - 64) / 2;
            for (int i = 0; i < limit; i++) {
                sockets.add(new Socket("127.0.0.1", port));
            }
            try (Socket refused = new Socket("127.0.0.1", port)) {
                refused.setSoTimeout(20_000);
                assertEquals(-1, refused.getInputStream().read(), "closed at once");
            }
            sockets.removeFirst().close();
            assertTrue(served(port, backend.url("/after")), "served once a connection ended");
            String log = log();
            assertTrue(log.contains("connection_limit reached: " + limit + " client connections"),
                    log);
            assertTrue(!log.contains("Too many open files"), log);
        }
    }

    @Test
    void outOfMemoryEndsOneConnectionOnlyAndSigtermStillStopsTheProcess() throws Exception {
        try (Backend backend = new Backend(); HugeOrigin huge = new HugeOrigin(200_000_000)) {
            // A budget above the heap, so that the body is buffered and runs the heap out.
            int port = start(List.of("-Xmx64m"), 4096, "--set", "body_memory_budget=1g");
            Socket keptAlive = new Socket("127.0.0.1", port);
            sockets.add(keptAlive);
            keptAlive.setSoTimeout(20_000);
            keptAlive.getOutputStream().write(get(backend.url("/before")));
            assertTrue(readResponse(keptAlive).startsWith("HTTP/1.1 200"));

            try (Socket victim = new Socket("127.0.0.1", port)) {
                victim.setSoTimeout(20_000);
                victim.getOutputStream().write(get("http://127.0.0.1:" + huge.port() + "/"));
                victim.getInputStream().readAllBytes();   // until the proxy closes it
            }
            awaitLog("out of memory");

            keptAlive.getOutputStream().write(get(backend.url("/after")));
            assertTrue(readResponse(keptAlive).startsWith("HTTP/1.1 200"),
                    "a connection opened before is still served");
            assertTrue(served(port, backend.url("/new")), "a new connection is served");
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "mitmdump did not stop: " + log());
            assertEquals(0, process.exitValue());
        }
    }

    @Test
    void aBodyOverTheMemoryBudgetStreamsThroughWithAWarningNamingTheFlow() throws Exception {
        try (HugeOrigin huge = new HugeOrigin(3_000_000)) {
            int port = start(List.of("-Xmx256m"), 4096, "--set", "body_memory_budget=1m");
            String url = "http://127.0.0.1:" + huge.port() + "/big";
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.setSoTimeout(20_000);
                client.getOutputStream().write(get(url));
                InputStream in = client.getInputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertEquals(3_000_000, in.readNBytes(3_000_000).length);
            }
            String warning = awaitLog("not kept");
            assertTrue(warning.contains(" WARN "), warning);
            assertTrue(warning.contains("the response body of GET " + url + " is streamed "
                    + "through, not kept: over what is left of body_memory_budget (1048576 "
                    + "bytes"), warning);
        }
    }

    /** Starts mitmdump with {@code jvmOptions} under {@code ulimit -n descriptors}. */
    private int start(List<String> jvmOptions, int descriptors, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n \"$0\" && "
                + "exec \"$@\"", Integer.toString(descriptors), java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                Mitmdump.class.getName(), "-p", "0"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        Matcher m = LISTENING.matcher(awaitLog("listening at "));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    private String log() throws IOException {
        Path err = dir.resolve("err.txt");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    /** {@return the first log line containing {@code text}, waiting up to 20 s for it} */
    private String awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            for (String line : log().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            assertTrue(process.isAlive(), "mitmdump ended: " + log());
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with \"" + text + "\" in: " + log());
    }

    /** {@return whether a new connection gets a 200 within 20 s (a refused one is retried)} */
    private static boolean served(int port, String url) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(get(url));
                if (readResponse(s).startsWith("HTTP/1.1 200")) {
                    return true;
                }
            } catch (IOException refused) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    private static byte[] get(String url) {
        return ("GET " + url + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response whose body is Backend's "hello" (or the head of any other). */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("hello") && text.length() < 4096) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + text);
            }
            text.append((char) b);
        }
        return text.toString();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static List<String> lines(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).toList();
    }

    /** An origin that answers every request with {@code length} zero bytes, made on the fly. */
    private static final class HugeOrigin implements AutoCloseable {
        private final ServerSocket serverSocket;

        HugeOrigin(long length) throws IOException {
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket s = serverSocket.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] zeros = new byte[64 * 1024];
                    for (long sent = 0; sent < length; sent += zeros.length) {
                        out.write(zeros, 0, (int) Math.min(zeros.length, length - sent));
                    }
                } catch (IOException proxyClosed) {
                    // the proxy gave up on the body
                }
            });
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            serverSocket.close();
        }
    }
}
