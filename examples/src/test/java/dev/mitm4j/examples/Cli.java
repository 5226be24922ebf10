package dev.mitm4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The CLI run in-process with captured stdout and stderr. */
final class Cli implements AutoCloseable {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private Mitmdump running;

    /** Starts mitmdump with {@code args}; fails the test when it does not start a proxy. */
    static Cli start(String... args) throws Exception {
        Cli cli = new Cli();
        cli.running = Mitmdump.start(args, cli.outStream, cli.errStream);
        if (cli.running == null) {
            throw new AssertionError("mitmdump did not start a proxy: " + cli.err());
        }
        return cli;
    }

    /** Runs a command line to completion (print-and-exit or usage errors); returns the status. */
    int run(String... args) {
        return Mitmdump.run(args, outStream, errStream);
    }

    int port() {
        return running.port();
    }

    Mitmdump proxy() {
        return running;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Waits (up to 10 s) until stdout satisfies {@code condition}; returns it either way. */
    String awaitOut(Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(out()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return out();
    }

    @Override public void close() {
        if (running != null) {
            running.close();
        }
    }
}
