package dev.mitm4j.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl as users run it; fails the test when curl fails or hangs. */
final class Curl {
    private Curl() {}

    static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--max-time", "20"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish: " + command);
        }
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("curl failed (" + process.exitValue() + "): " + err);
        }
        return out;
    }
}
