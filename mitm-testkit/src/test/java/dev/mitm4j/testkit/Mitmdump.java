package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real mitmdump (Debian 12's mitmproxy 8.1, which .ci/run installs) reading a flow file.
 * A missing mitmdump fails the test saying how to install it.
 */
final class Mitmdump {
    private Mitmdump() {}

    /** Runs {@code mitmdump -n -r file} with a confdir under {@code dir}; returns its output. */
    static String read(Path file, Path dir) throws Exception {
        Path out = Files.createTempFile(dir, "mitmdump-", ".txt");
        Process p = new ProcessBuilder(List.of(executable().toString(), "-n", "-r",
                file.toString(), "--set", "confdir=" + dir.resolve("mitmdump-confdir")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).directory(dir.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mitmdump did not finish reading " + file);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static Path executable() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(p, "mitmdump");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("mitmdump not found on PATH; install it with 'apt-get install -y mitmproxy'"
                + " (Debian 12: mitmproxy 8.1, flow format 17)");
    }
}
