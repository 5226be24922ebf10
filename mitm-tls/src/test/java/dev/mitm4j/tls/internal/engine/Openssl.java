package dev.mitm4j.tls.internal.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line as a loopback peer. */
final class Openssl {
    private Openssl() {}

    /** Runs {@code openssl args...} with {@code stdin}, returns stdout+stderr once it exits. */
    static String run(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl did not exit: " + cmd);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A running {@code openssl s_server}; close kills it. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts {@code openssl s_server -www} on a free loopback port, waits until it accepts. */
    static Server server(Path dir, String... args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept",
                "127.0.0.1:" + port, "-www", "-naccept", "1"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "s_server", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.ISO_8859_1));
        for (String line; (line = r.readLine()) != null; ) {
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
            if (line.startsWith("ACCEPT")) {
                Thread.ofVirtual().start(() -> drain(r));
                return new Server(p, port);
            }
        }
        throw new IllegalStateException("s_server did not start: " + Files.readString(log));
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
