package dev.mitm4j.core.internal;

import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.tls.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads (without initializing) the classes of mitm4j's own modules that a connection runs, when
 * they come from class directories. There the JVM opens a file for each class it loads; a class
 * that fails to load for want of a descriptor (EMFILE) stays failed for good in the code that
 * refers to it, so every later connection would fail too. Loading them before the first accept
 * takes descriptors out of that path. Classes read from a jar need nothing: the jar is open.
 */
public final class ConnectionPathClasses {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPathClasses.class);

    /**
     * One class of each module a connection runs, and the module's root package: every class of
     * these modules, about 480 of them, since the connection path reaches into most of them
     * (the SPI's contexts, the HTTP model and codecs, the TLS engine, flow filters).
     */
    private static final List<Anchor> ANCHORS = List.of(
            new Anchor(ConnectionPathClasses.class, "dev/mitm4j/core"),
            new Anchor(ClientConnection.class, "dev/mitm4j/http"),
            new Anchor(CertificateAuthority.class, "dev/mitm4j/tls"),
            new Anchor(FlowFilter.class, "dev/mitm4j/filter"));

    private record Anchor(Class<?> type, String packageDir) {}

    private static boolean loaded;

    private ConnectionPathClasses() {}

    /**
     * Loads them, on the first call only: later servers (in the same class loader) find them
     * loaded, and a concurrent call waits for the first. Costs nothing when mitm4j runs from jars.
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        long start = System.nanoTime();
        int count = 0;
        for (Anchor anchor : ANCHORS) {
            Path root = classDirectory(anchor.type());
            if (root != null) {
                count += load(root, root.resolve(anchor.packageDir()),
                        anchor.type().getClassLoader());
            }
        }
        LOG.debug("loaded {} classes of the connection path in {} ms", count,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static int load(Path root, Path dir, ClassLoader loader) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = root.relativize(file).toString();
                if (name.endsWith(".class") && !name.endsWith("-info.class")) {
                    count += load(name.substring(0, name.length() - 6)
                            .replace(file.getFileSystem().getSeparator(), "."), loader);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot list the classes under {}: {}", dir, e.toString());
        }
        return count;
    }

    private static int load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return 1;
        } catch (ClassNotFoundException | LinkageError e) {
            // An optional dependency missing: that class would fail on its own path anyway.
            LOG.trace("cannot load {}: {}", name, e.toString());
            return 0;
        }
    }

    /** {@return the class directory {@code type} was loaded from, or null (a jar, or unknown)} */
    private static @Nullable Path classDirectory(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isDirectory(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
