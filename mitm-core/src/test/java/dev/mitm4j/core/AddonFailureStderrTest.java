package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without an SLF4J provider SLF4J drops every message, so an addon failure would vanish: it is
 * printed to stderr on one line instead. Each case runs {@link FailingAddonMain} in a JVM of its
 * own, on this test's class path with or without slf4j-simple.
 */
class AddonFailureStderrTest {
    private static final String LINE = "mitm4j: addon boom failed in request; the flow goes on:"
            + " java.lang.IllegalStateException: kaput (no SLF4J provider on the class path: add"
            + " one, such as slf4j-simple, to see the stack trace)";

    @TempDir
    Path dir;

    record Run(String stdout, String stderr) {}

    @Test
    void withoutAProviderEachAddonFailureIsOneLineOnStderr() throws Exception {
        Run run = run(classPath().stream().filter(e -> !e.contains("slf4j-simple")).toList());

        assertEquals("200 hello", run.stdout().strip(), run.stderr());
        assertTrue(run.stderr().contains("No SLF4J providers were found"), run.stderr());
        assertEquals(List.of(LINE), ourLines(run), run.stderr());
    }

    @Test
    void withAProviderTheFailureIsLoggedThereWithItsStackTraceAndNotPrintedAgain()
            throws Exception {
        List<String> classPath = classPath();
        assertTrue(classPath.stream().anyMatch(e -> e.contains("slf4j-simple")),
                "slf4j-simple is a test dependency: " + classPath);

        Run run = run(classPath);

        assertEquals("200 hello", run.stdout().strip(), run.stderr());
        assertTrue(run.stderr().contains("WARN dev.mitm4j.core.internal.AddonChain - addon boom"
                + " failed in request; the flow goes on"), run.stderr());
        assertTrue(run.stderr().contains("\tat dev.mitm4j.core.FailingAddonMain"), run.stderr());
        assertEquals(List.of(), ourLines(run), run.stderr());
    }

    private static List<String> ourLines(Run run) {
        return run.stderr().lines().filter(l -> l.startsWith("mitm4j: ")).toList();
    }

    /** {@return this test JVM's class path, as surefire gives it to the tests} */
    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        return Arrays.asList(path.split(File.pathSeparator));
    }

    private Run run(List<String> classPath) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath.stream().collect(Collectors.joining(
                        File.pathSeparator)), FailingAddonMain.class.getName(),
                dir.resolve("confdir").toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("FailingAddonMain did not finish:\n" + Files.readString(err));
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }
}
