package dev.mitm4j.testkit.internal;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The certificate authorities of this test run: one (EC P-256) in a temporary confdir, created on
 * first use and deleted when the JVM exits, plus one per fixed confdir asked for. Thread-safe.
 */
final class RunCa {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static @Nullable CertificateAuthority temporary;
    private static final ConcurrentHashMap<Path, CertificateAuthority> FIXED =
            new ConcurrentHashMap<>();

    private RunCa() {}

    /** {@return the run's CA in a temporary confdir} */
    static CertificateAuthority temporary() {
        LOCK.lock();
        try {
            if (temporary == null) {
                Path dir = Files.createTempDirectory("mitm4j-testkit-ca");
                Runtime.getRuntime().addShutdownHook(
                        Thread.ofPlatform().unstarted(() -> deleteTree(dir)));
                // EC: key generation is ~50x cheaper than RSA, and every test run pays for it.
                temporary = CertificateAuthority.builder().confdir(dir)
                        .keyAlgorithm(KeyAlgorithm.EC).build();
            }
            return temporary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary confdir", e);
        } finally {
            LOCK.unlock();
        }
    }

    /** {@return the CA of {@code confdir}, created there when missing} */
    static CertificateAuthority fixed(Path confdir) {
        return FIXED.computeIfAbsent(confdir.toAbsolutePath().normalize(),
                CertificateAuthority::load);
    }

    /** {@return {@code path} with a leading {@code ~} expanded to the user's home} */
    static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
