package dev.mitm4j.examples;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mitmdump in its own JVM, as the ./mitmdump script runs it, optionally behind a wrapper command
 * (such as unshare) that execs it: its output lines are collected as they come, and it can be
 * sent SIGTERM.
 */
final class MitmdumpProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening at [^ ]+:(\\d+)\\.$");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private MitmdumpProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    /** Starts {@code wrapper} (may be empty) followed by the java command of mitmdump. */
    static MitmdumpProcess start(List<String> wrapper, String... args) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                Mitmdump.class.getName()));
        command.addAll(List.of(args));
        return new MitmdumpProcess(new ProcessBuilder(command).start());
    }

    static MitmdumpProcess start(String... args) throws Exception {
        return start(List.of(), args);
    }

    private static void collect(InputStream in, List<String> lines) {
        Thread.ofVirtual().name("mitmdump-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
    }

    long pid() {
        return process.pid();
    }

    /** {@return the port of the "listening at" line, waiting up to 60 s for it} */
    int port() throws InterruptedException {
        String line = awaitErr(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(60));
        Matcher m = LISTENING.matcher(line);
        m.find();
        return Integer.parseInt(m.group(1));
    }

    /** {@return the first stderr line matching {@code wanted}, waiting up to {@code timeout}} */
    String awaitErr(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : err) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && process.waitFor(1, TimeUnit.SECONDS)) {
                break;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such line on stderr; got:\n" + String.join("\n", err));
    }

    List<String> err() {
        return List.copyOf(err);
    }

    List<String> out() {
        return List.copyOf(out);
    }

    /**
     * Sends SIGTERM, leaving the output streams open (Process.destroy would close them, so
     * what mitmdump prints while it shuts down would be lost).
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** {@return the exit status, waiting up to {@code timeout}} */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("mitmdump still runs after " + timeout + "; stderr:\n"
                    + String.join("\n", err));
        }
        return process.exitValue();
    }

    @Override public void close() {
        process.destroyForcibly();
    }
}
