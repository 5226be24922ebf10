package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy embedded in a build that runs from class directories (tests, the testkit, IDEs), where
 * the JVM opens a file for each class it loads: descriptors that run out before the first
 * connection do not break the connection path for good. The proxy runs in its own JVM with a low
 * open-file limit ({@code ulimit -n} in bash), see {@link FirstConnectionOutOfDescriptors}.
 */
class EmbeddedProxyOutOfDescriptorsTest {
    @TempDir Path dir;

    @Test
    void theFirstConnectionOutOfDescriptorsIsClosedAndTheNextOneServed() throws Exception {
        try (Backend backend = new Backend()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = dir.resolve("out.txt");
            Process process = new ProcessBuilder(List.of("bash", "-c",
                    "ulimit -n 256 && exec \"$@\"", "bash", java, "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"),
                    FirstConnectionOutOfDescriptors.class.getName(), backend.url("/after")))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
            } finally {
                process.destroyForcibly();
            }
            String output = Files.readString(out);
            assertTrue(output.contains("exhausted after "), output);
            assertTrue(output.contains("stuck: closed"),
                    "the connection that found no descriptor is closed:\n" + output);
            assertTrue(output.contains("after: HTTP/1.1 200"),
                    "a connection once descriptors are freed is served:\n" + output);
        }
    }
}
