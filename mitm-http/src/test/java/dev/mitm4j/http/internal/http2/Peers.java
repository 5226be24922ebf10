package dev.mitm4j.http.internal.http2;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real peers the HTTP/2 tests drive: curl, python3-h2 (h2peer.py) and nghttpd. */
final class Peers {
    static final Path SCRIPT = Path.of("src/test/resources/h2/h2peer.py");

    private Peers() {}

    /** Debian's python3, which has python3-h2, even when another python3 is first on PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The result of a finished process. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return out().lines().toList();
        }
    }

    /** Runs a command to its end (at most 30 s), feeding {@code stdin}. */
    static Result run(byte[] stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    static Result run(String... command) throws Exception {
        return run(new byte[0], command);
    }

    static Result h2peer(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python(), SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Reads a process's output on a thread of its own (never a pool that may be busy). */
    static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().name("peer-output").start(() -> {
            try (in) {
                result.complete(in.readAllBytes());
            } catch (IOException e) {
                result.complete(new byte[0]);
            }
        });
        return result;
    }

    /** {@return a loopback port free a moment ago, for servers that cannot bind port 0} */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
