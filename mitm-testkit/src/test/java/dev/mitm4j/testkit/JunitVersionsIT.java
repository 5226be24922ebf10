package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds a small user project (src/it/junit-user: the mitm4j BOM, the testkit, the project's own
 * JUnit) with {@code mvn test} against each JUnit of {@code it.junit.versions}, all at once, and
 * checks that every one of its tests ran and passed on that JUnit.
 *
 * <p>Each build gets a local repository of its own holding this build's jars and POMs, chained
 * to the build's local repository (read-only, {@code maven.repo.local.tail}) for everything else;
 * it runs offline when this build does.
 */
class JunitVersionsIT {
    private static final List<String> MODULES = List.of("mitm-http", "mitm-tls", "mitm-filter",
            "mitm-core", "mitm-replay", "mitm-testkit");
    private static final Path ROOT = Path.of(property("mitm4j.root")).normalize();
    private static final Path USER_PROJECT = ROOT.resolve("mitm-testkit/src/it/junit-user");
    private static final String VERSION = property("mitm4j.version");

    @TempDir
    static Path work;

    private static final Map<String, Build> builds = new LinkedHashMap<>();

    record Build(Process process, Path log) {}

    static List<String> junitVersions() {
        return List.of(property("it.junit.versions").split(","));
    }

    @BeforeAll
    static void startEveryBuild() throws IOException {
        for (String junit : junitVersions()) {
            Path repo = work.resolve("repo-" + junit);
            Path project = work.resolve("junit-" + junit);
            installThisBuild(repo);
            copyUserProject(project, junit);
            builds.put(junit, start(project, repo));
        }
    }

    @AfterAll
    static void stopLeftovers() {
        builds.values().forEach(b -> b.process().destroyForcibly());
    }

    @ParameterizedTest(name = "JUnit {0}")
    @MethodSource("junitVersions")
    void theUserProjectPassesOnItsOwnJunit(String junit) throws Exception {
        Build build = builds.get(junit);
        if (!build.process().waitFor(5, TimeUnit.MINUTES)) {
            build.process().destroyForcibly();
            fail("mvn test against JUnit " + junit + " did not finish in 5 minutes\n"
                    + tail(build.log()));
        }
        String log = Files.readString(build.log(), StandardCharsets.UTF_8);
        long tests = testsIn(USER_PROJECT);
        String summary = "Tests run: " + tests + ", Failures: 0, Errors: 0, Skipped: 0";
        String tail = tail(build.log());
        assertTrue(build.process().exitValue() == 0 && log.contains(summary),
                () -> "expected exit 0 and \"" + summary + "\" from mvn test against JUnit "
                        + junit + "\n" + tail);
    }

    /** Lays this build's jars and POMs out as a local repository. */
    private static void installThisBuild(Path repo) throws IOException {
        install(repo, "mitm4j-parent", ROOT.resolve("pom.xml"), "pom");
        install(repo, "mitm-bom", ROOT.resolve("mitm-bom/pom.xml"), "pom");
        for (String module : MODULES) {
            install(repo, module, ROOT.resolve(module).resolve("pom.xml"), "pom");
            Path jar = ROOT.resolve(module).resolve("target")
                    .resolve(module + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                fail(jar + " is missing: run the reactor through package (./mvnw verify)");
            }
            install(repo, module, jar, "jar");
        }
    }

    private static void install(Path repo, String artifact, Path file, String extension)
            throws IOException {
        Path dir = repo.resolve("dev/mitm4j").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifact + "-" + VERSION + "." + extension));
    }

    private static void copyUserProject(Path project, String junit) throws IOException {
        Map<String, String> values = Map.of(
                "@mitm4j.version@", VERSION,
                "@junit.version@", junit,
                "@resources-plugin.version@", property("it.resources-plugin.version"),
                "@compiler-plugin.version@", property("it.compiler-plugin.version"),
                "@surefire-plugin.version@", property("it.surefire-plugin.version"));
        try (Stream<Path> files = Files.walk(USER_PROJECT)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = project.resolve(USER_PROJECT.relativize(from).toString());
                Files.createDirectories(to.getParent());
                String text = Files.readString(from, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> v : values.entrySet()) {
                    text = text.replace(v.getKey(), v.getValue());
                }
                Files.writeString(to, text, StandardCharsets.UTF_8);
            }
        }
    }

    private static Build start(Path project, Path repo) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(),
                "-B", "-ntp", "-f", project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repo,
                "-Dmaven.repo.local.tail=" + property("it.repo.local")));
        if (property("it.mode").equals("offline=true")) {
            command.add("-o");
        }
        command.add("test");
        Path log = project.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // A short build: the C1 compiler alone starts Maven about a third faster.
        pb.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");
        return new Build(pb.start(), log);
    }

    private static long testsIn(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve("src/test/java"))) {
            long count = 0;
            for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                count += Files.readAllLines(f).stream().filter(l -> l.strip().equals("@Test"))
                        .count();
            }
            return count;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run through ./mvnw verify");
        }
        return value;
    }
}
