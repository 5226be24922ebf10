package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every option mitm4j says it honours is read by something: the compiled classes of every module
 * (this one is built last) are searched for uses of each option's key in {@link OptionTable}, or
 * of an {@code Options} accessor that reads it. The table, {@code Options} and the command line's
 * parser and printers do not count: they declare, hold, set or list options, they do not act on
 * them. An option nobody reads must say so ({@link OptionDef.Support#NO_EFFECT}) or accept only
 * its default ({@link OptionDef.Support#DEFAULT_ONLY}).
 */
class OptionReadersTest {
    private static final String TABLE = "dev/mitm4j/core/internal/options/OptionTable";
    private static final String OPTIONS = "dev/mitm4j/core/Options";
    /** Classes that declare, hold, set or print options rather than act on them. */
    private static final Set<String> NOT_READERS = Set.of(
            "dev/mitm4j/examples/internal/CommandLine", "dev/mitm4j/examples/internal/Usage",
            "dev/mitm4j/examples/internal/OptionsListing");

    private static Map<String, ClassReferences> classes;

    @BeforeAll
    static void readEveryModulesClasses() throws IOException {
        classes = new HashMap<>();
        Path root = repositoryRoot();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                Path output = module.resolve("target/classes");
                if (Files.isDirectory(module.resolve("src/main/java"))
                        && Files.isDirectory(output)) {
                    readClasses(output);
                }
            }
        }
    }

    @Test
    void everyHonouredOptionIsReadOutsideTheTableAndOptions() throws ReflectiveOperationException {
        Map<String, List<String>> readers = readersByOption();
        List<String> unread = new ArrayList<>();
        for (OptionDef<?> def : OptionTable.all().values()) {
            if (def.support() == OptionDef.Support.HONOURED && readers.get(def.name()).isEmpty()) {
                unread.add(def.name());
            }
        }
        assertEquals(List.of(), unread, "options nothing reads: act on each, or declare it "
                + "NO_EFFECT or DEFAULT_ONLY in OptionTable");
    }

    /** The search itself finds what it should, so that the test above can fail. */
    @Test
    void theSearchSeesReadsThroughAccessorsAndKeys() throws ReflectiveOperationException {
        Map<String, Set<String>> accessors = accessorReads();
        assertEquals(Set.of("listen_port"), accessors.get("listenPortFor"));
        assertEquals(Set.of("http1_max_start_line", "http1_max_header_block",
                "http1_max_header_count", "http1_max_chunk_size_line"),
                accessors.get("http1Limits"));
        Map<String, List<String>> readers = readersByOption();
        assertTrue(readers.get("flow_detail").contains("dev/mitm4j/examples/Mitmdump"),
                readers.get("flow_detail").toString());
        assertEquals(List.of(), readers.get("store_streamed_bodies"), "read by nothing");
        assertTrue(readers.get("server_replay").stream().anyMatch(c -> c.contains("replay")),
                readers.get("server_replay").toString());
        assertTrue(classes.size() > 100, "classes read: " + classes.size());
    }

    /** {@return per option name, the classes that read it} */
    private static Map<String, List<String>> readersByOption() throws ReflectiveOperationException {
        Map<String, String> optionOfKey = keyFields();
        Map<String, Set<String>> accessors = accessorReads();
        Map<String, List<String>> readers = new TreeMap<>();
        for (String option : optionOfKey.values()) {
            readers.put(option, new ArrayList<>());
        }
        for (ClassReferences c : classes.values()) {
            if (isOptionsItself(c.name()) || NOT_READERS.contains(c.name())) {
                continue;
            }
            Set<String> read = new TreeSet<>();
            for (String member : c.all()) {
                String owner = member.substring(0, member.lastIndexOf('.'));
                String name = member.substring(member.lastIndexOf('.') + 1);
                if (owner.equals(TABLE) && optionOfKey.containsKey(name)) {
                    read.add(optionOfKey.get(name));
                } else if (owner.equals(OPTIONS) && accessors.containsKey(name)) {
                    read.addAll(accessors.get(name));
                }
            }
            for (String option : read) {
                readers.get(option).add(c.name());
            }
        }
        return readers;
    }

    /** {@return per method of {@code Options}, the options it reads, through its helpers too} */
    private static Map<String, Set<String>> accessorReads() throws ReflectiveOperationException {
        Map<String, String> optionOfKey = keyFields();
        Map<String, Set<String>> code = classes.get(OPTIONS).byMethod();
        Map<String, Set<String>> reads = new HashMap<>();
        for (String method : code.keySet()) {
            Set<String> options = new TreeSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(method));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String current = todo.pop();
                if (!seen.add(current) || !code.containsKey(current)) {
                    continue;
                }
                for (String member : code.get(current)) {
                    String name = member.substring(member.lastIndexOf('.') + 1);
                    if (member.startsWith(TABLE + ".") && optionOfKey.containsKey(name)) {
                        options.add(optionOfKey.get(name));
                    } else if (member.startsWith(OPTIONS + ".")) {
                        todo.push(name);
                    }
                }
            }
            reads.put(method, options);
        }
        return reads;
    }

    /** {@return the option name of each key constant of the table, by field name} */
    private static Map<String, String> keyFields() throws ReflectiveOperationException {
        Map<String, String> keys = new HashMap<>();
        for (Field field : OptionTable.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == OptionDef.class) {
                keys.put(field.getName(), ((OptionDef<?>) field.get(null)).name());
            }
        }
        assertEquals(OptionTable.all().size(), keys.size(), "a key constant per option");
        return keys;
    }

    private static boolean isOptionsItself(String name) {
        return name.equals(OPTIONS) || name.startsWith(OPTIONS + "$")
                || name.startsWith("dev/mitm4j/core/internal/options/");
    }

    private static void readClasses(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (file.getFileName().toString().equals("module-info.class")) {
                    continue;
                }
                ClassReferences c = ClassReferences.read(file);
                classes.put(c.name(), c);
            }
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository");
        }
        return dir;
    }
}
