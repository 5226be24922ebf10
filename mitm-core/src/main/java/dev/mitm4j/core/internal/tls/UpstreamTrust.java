package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.Options;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.internal.Pem;
import dev.mitm4j.tls.internal.engine.JdkRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The trust for upstream servers: the JDK's roots plus the CAs of
 * {@code ssl_verify_upstream_trusted_ca} (a PEM file) and
 * {@code ssl_verify_upstream_trusted_confdir} (a directory of PEM files).
 *
 * @param manager the combined trust manager, or null when no extra CA is configured (the engine
 *     then uses the JDK's roots)
 */
record UpstreamTrust(@Nullable X509TrustManager manager) {

    /**
     * {@return the trust the options ask for}
     *
     * @throws IllegalArgumentException naming the option when a file cannot be read
     */
    static UpstreamTrust from(Options options) {
        List<X509Certificate> extra = new ArrayList<>();
        String caFile = options.sslVerifyUpstreamTrustedCa();
        if (caFile != null) {
            extra.addAll(read("ssl_verify_upstream_trusted_ca", Paths.expand(caFile)));
        }
        String caDir = options.sslVerifyUpstreamTrustedConfdir();
        if (caDir != null) {
            for (Path file : pemFiles(Paths.expand(caDir))) {
                extra.addAll(read("ssl_verify_upstream_trusted_confdir", file));
            }
        }
        if (extra.isEmpty()) {
            return new UpstreamTrust(null);
        }
        return new UpstreamTrust(combined(extra));
    }

    private static List<X509Certificate> read(String option, Path file) {
        try {
            return Pem.read(file, null).certificates();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(option + ": cannot read CA certificates from "
                    + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> pemFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString()
                    .startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("ssl_verify_upstream_trusted_confdir: cannot list "
                    + dir + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's default anchors and {@code extra}, in one PKIX trust manager. */
    private static X509TrustManager combined(List<X509Certificate> extra) {
        List<X509Certificate> all =
                new ArrayList<>(List.of(JdkRoots.trustManager().getAcceptedIssuers()));
        all.addAll(extra);
        return CaTrust.trustManager(all.toArray(new X509Certificate[0]));
    }
}
