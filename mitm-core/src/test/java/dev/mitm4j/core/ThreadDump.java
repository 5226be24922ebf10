package dev.mitm4j.core;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads of this JVM named {@code mitm4j-...}, virtual ones included (which
 * {@link Thread#getAllStackTraces()} leaves out), read from the JDK's JSON thread dump.
 */
final class ThreadDump {
    private static final Pattern THREAD = Pattern.compile(
            "\"tid\": \"(\\d+)\"[^{}]*?\"name\": \"(mitm4j-[^\"]*)\"");

    private ThreadDump() {}

    /** {@return the live mitm4j threads: thread id to name} */
    static Map<Long, String> mitm4jThreads() throws IOException {
        Path dir = Files.createTempDirectory("mitm4j-threads");
        Path file = dir.resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            Map<Long, String> threads = new TreeMap<>();
            Matcher m = THREAD.matcher(Files.readString(file));
            while (m.find()) {
                threads.put(Long.parseLong(m.group(1)), m.group(2));
            }
            return threads;
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }
}
