package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of mitm-core point one way. Read from the compiled classes: every class,
 * descriptor and signature a class file's constant pool names (string literals left out).
 *
 * <p>The API packages ({@code dev.mitm4j.core}, {@code .spi}) are one published surface, counted
 * as one node, and the front door: the builder makes the engine, so their edges into
 * {@code internal} packages are not counted; an {@code internal} package may depend on them.
 * Among the rest there is no cycle except the ones {@link #KNOWN_CYCLES} names, each with why
 * it is left; a cycle that grows or a new one fails.
 */
class PackageCyclesTest {
    private static final String ROOT = "dev.mitm4j.core";
    private static final Set<String> API = Set.of(ROOT, ROOT + ".spi");
    private static final Pattern NAME = Pattern.compile("dev/mitm4j/core(/[A-Za-z0-9_$]+)+");

    /**
     * Cycles left, each a set of packages (relative to {@code dev.mitm4j.core}) with why it is
     * left. None: keep it so.
     */
    private static final List<Set<String>> KNOWN_CYCLES = List.of();

    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(ProxyServer.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/mitm4j/core"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String from = packageOf(classes.relativize(file).toString().replace('\\', '/'));
                Set<String> to = dependencies.computeIfAbsent(from, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String name : namesIn(in)) {
                        Matcher m = NAME.matcher(name);
                        while (m.find()) {
                            String target = packageOf(m.group());
                            if (!target.equals(from)) {
                                to.add(target);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSpiNeedsNothingButTheApi() {
        assertEquals(Set.of(ROOT), dependencies.get(ROOT + ".spi"));
    }

    @Test
    void theTcpLayersUseTheSpiOnly() {
        assertEquals(Set.of(ROOT + ".spi"), dependencies.get(ROOT + ".internal.tcp"));
    }

    @Test
    void theTlsLayerUsesTheSpiTheSharedStreamsAndThePassThroughOnly() {
        assertEquals(Set.of(ROOT, ROOT + ".spi", ROOT + ".internal.io", ROOT + ".internal.tcp"),
                dependencies.get(ROOT + ".internal.tls"));
    }

    @Test
    void theHttpLayerUsesTheSpiTheSharedServicesAndTheLayersBelowItOnly() {
        assertEquals(Set.of(ROOT, ROOT + ".spi", ROOT + ".internal", ROOT + ".internal.auth",
                ROOT + ".internal.io", ROOT + ".internal.tcp", ROOT + ".internal.tls"),
                dependencies.get(ROOT + ".internal.http"));
    }

    @Test
    void onlyTheServerPackageAndTheApiBuildTheLayers() {
        dependencies.forEach((from, to) -> {
            if (!from.equals(ROOT + ".internal.server") && !API.contains(from)) {
                assertTrue(!to.contains(ROOT + ".internal.server"),
                        from + " depends on the engine's top, " + ROOT + ".internal.server");
            }
        });
    }

    @Test
    void theSharedStreamsNeedOnlyTheSpi() {
        assertEquals(Set.of(ROOT + ".spi"), dependencies.get(ROOT + ".internal.io"));
    }

    @Test
    void theSocks5LayerUsesTheSpiAndTheProxyauthCheckOnly() {
        assertEquals(Set.of(ROOT, ROOT + ".spi", ROOT + ".internal.auth"),
                dependencies.get(ROOT + ".internal.socks5"));
    }

    @Test
    void theProxyauthCheckDependsOnNoOtherPackage() {
        assertEquals(Set.of(), dependencies.get(ROOT + ".internal.auth"));
    }

    @Test
    void everyCycleIsAKnownOne() {
        List<Set<String>> cycles = cycles();
        for (Set<String> cycle : cycles) {
            assertTrue(KNOWN_CYCLES.stream().anyMatch(known -> known.containsAll(cycle)),
                    "a new package cycle: " + cycle + " (graph: " + dependencies + ")");
        }
    }

    /** {@return the strongly connected components of more than one package (Tarjan)} */
    private static List<Set<String>> cycles() {
        Map<String, Set<String>> graph = new TreeMap<>();
        dependencies.forEach((from, to) -> graph.computeIfAbsent(node(from), k -> new TreeSet<>())
                .addAll(to.stream().filter(target -> !API.contains(from))
                        .map(PackageCyclesTest::node).filter(target -> !target.equals(node(from)))
                        .toList()));
        return new Tarjan(graph).components().stream().filter(c -> c.size() > 1).toList();
    }

    /** {@return the package relative to {@code dev.mitm4j.core}; "api" for the API's two} */
    private static String node(String pkg) {
        return API.contains(pkg) ? "api" : pkg.substring(ROOT.length() + 1);
    }

    private static String packageOf(String binaryName) {
        String name = binaryName.endsWith(".class")
                ? binaryName.substring(0, binaryName.length() - ".class".length()) : binaryName;
        return name.substring(0, name.lastIndexOf('/')).replace('/', '.');
    }

    /**
     * {@return the UTF-8 constants of a class file that name classes or types: all of them but
     * those that are only the text of string literals}
     */
    private static List<String> namesIn(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two entries
                }
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 8 -> literals.add(in.readUnsignedShort());
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag + " at entry " + i);
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literals.contains(i)) {
                names.add(utf8[i]);
            }
        }
        return names;
    }

    /** Tarjan's strongly connected components (recursive: the graph has a dozen nodes). */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> components() {
            for (String node : graph.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }
}
