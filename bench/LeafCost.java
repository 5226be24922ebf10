import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long a certificate for a host the proxy has not seen before takes: leaves for fresh host
 * names (cache misses) from a CA in a temp confdir, after a warm-up. Prints the median and p90
 * in milliseconds. Run by bench/https.sh with the mitmdump jar on the class path.
 */
public class LeafCost {
    public static void main(String[] args) throws Exception {
        int warmup = 300;
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("mitm4j-leafcost");
        CertificateAuthority ca = CertificateAuthority.load(dir);
        for (int i = 0; i < warmup; i++) {
            ca.leaf(CertificateSpec.of("warmup" + i + ".example"));
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long t0 = System.nanoTime();
            ca.leaf(CertificateSpec.builder().sni("host" + i + ".example").address("10.0.0." + (i % 250))
                    .build());
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("new-host leaf: median %.2f ms, p90 %.2f ms (%d hosts, RSA %s)%n",
                nanos[measured / 2] / 1e6, nanos[measured * 9 / 10] / 1e6, measured,
                ca.certificate().getPublicKey().getAlgorithm());
    }
}
