package dev.mitm4j.core.tls;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line clients (curl, openssl) against loopback servers. */
final class Commands {
    private Commands() {}

    /** {@return stdout and stderr of {@code command}, once it exited (within 30 s)} */
    static String run(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not exit: " + List.of(command));
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@return the first PEM certificate block of {@code text}} */
    static String firstPem(String text) {
        int start = text.indexOf("-----BEGIN CERTIFICATE-----");
        String end = "-----END CERTIFICATE-----";
        int stop = text.indexOf(end, start);
        if (start < 0 || stop < 0) {
            throw new AssertionError("no certificate in: " + text);
        }
        return text.substring(start, stop + end.length()) + "\n";
    }
}
