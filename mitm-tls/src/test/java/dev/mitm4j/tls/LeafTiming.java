package dev.mitm4j.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: a quick measurement of what a new host costs (one leaf, signed by the CA, with the
 * shared leaf key). Arguments: the CA's key algorithm (default RSA), then the leaves' (default
 * EC). Run after {@code ./mvnw -o -q test-compile -pl mitm-tls}:
 * <pre>
 * java -cp mitm-tls/target/classes:mitm-tls/target/test-classes:BC_JARS dev.mitm4j.tls.LeafTiming RSA RSA
 * </pre>
 * Speed targets are checked by benchmarks, never by unit tests.
 */
public final class LeafTiming {
    private LeafTiming() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("leaf-timing");
        KeyAlgorithm algorithm = args.length > 0 ? KeyAlgorithm.valueOf(args[0]) : KeyAlgorithm.RSA;
        KeyAlgorithm leaves = args.length > 1 ? KeyAlgorithm.valueOf(args[1]) : KeyAlgorithm.EC;
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir)
                .keyAlgorithm(algorithm).leafKeyAlgorithm(leaves).cacheSize(100_000).build();
        long t0 = System.nanoTime();
        ca.leaf(CertificateSpec.of("first.example")); // includes making the shared leaf key
        System.out.printf("first leaf (with the one-time leaf key): %.1f ms%n",
                (System.nanoTime() - t0) / 1e6);
        for (int i = 0; i < 2000; i++) {
            ca.leaf(CertificateSpec.of("warmup" + i + ".example"));
        }
        int n = 2000;
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            ca.leaf(CertificateSpec.builder().sni("host" + i + ".example").address("10.0.0.1")
                    .build());
            ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("%s CA, %s leaf for a new host over %d hosts: median %.3f ms, p90 %.3f"
                + " ms, p99 %.3f ms%n", algorithm, leaves, n, ns[n / 2] / 1e6, ns[n * 9 / 10] / 1e6,
                ns[n * 99 / 100] / 1e6);
        long s = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            ca.leaf(CertificateSpec.of("host" + (i % n) + ".example", "10.0.0.1"));
        }
        System.out.printf("cache hit: %.2f us%n", (System.nanoTime() - s) / 1e3 / 100_000);
    }
}
