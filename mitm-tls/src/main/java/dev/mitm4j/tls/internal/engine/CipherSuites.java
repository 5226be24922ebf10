package dev.mitm4j.tls.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The cipher suites both sides offer, fastest first on the JDK: AES-GCM (intrinsified) before
 * ChaCha20-Poly1305, forward-secret ECDHE only for TLS 1.2, CBC suites last for old peers.
 * Which of the TLS 1.2 suites a server can pick also depends on its key (RSA or ECDSA).
 *
 * <p>{@link #parse} reads the options {@code ciphers_client} and {@code ciphers_server}: explicit
 * suite names only, by their OpenSSL or IANA name. Stateless and thread-safe.
 */
public final class CipherSuites {
    /** Every suite we offer, in our preference order (TLS 1.3 names are alike in both). */
    private static final List<Suite> SUITES = table();
    private static final int[] PREFERRED = SUITES.stream().mapToInt(Suite::code).toArray();
    private static final Set<String> KEYWORDS = Set.of("ALL", "DEFAULT", "COMPLEMENTOFALL",
            "COMPLEMENTOFDEFAULT", "HIGH", "MEDIUM", "LOW", "EXPORT", "ECDHE", "EECDH", "AESGCM",
            "CHACHA20", "AES", "AES128", "AES256", "SHA", "SHA256", "SHA384", "RSA", "ECDSA",
            "aRSA", "aECDSA", "kRSA", "kECDHE", "aNULL", "eNULL", "NULL", "TLSv1.2", "TLSv1",
            "SSLv3", "FIPS", "SUITEB128", "SUITEB192");

    private CipherSuites() {}

    /** One suite by its OpenSSL and IANA names. */
    private record Suite(String openssl, String iana, int code) {}

    private static List<Suite> table() {
        return List.of(
                new Suite("TLS_AES_128_GCM_SHA256",
                        "TLS_AES_128_GCM_SHA256",
                        CipherSuite.TLS_AES_128_GCM_SHA256),
                new Suite("TLS_AES_256_GCM_SHA384",
                        "TLS_AES_256_GCM_SHA384",
                        CipherSuite.TLS_AES_256_GCM_SHA384),
                new Suite("TLS_CHACHA20_POLY1305_SHA256",
                        "TLS_CHACHA20_POLY1305_SHA256",
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
                new Suite("ECDHE-ECDSA-AES128-GCM-SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                new Suite("ECDHE-RSA-AES128-GCM-SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                new Suite("ECDHE-ECDSA-AES256-GCM-SHA384",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
                new Suite("ECDHE-RSA-AES256-GCM-SHA384",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
                new Suite("ECDHE-ECDSA-CHACHA20-POLY1305",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
                new Suite("ECDHE-RSA-CHACHA20-POLY1305",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
                new Suite("ECDHE-ECDSA-AES128-SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256),
                new Suite("ECDHE-RSA-AES128-SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256),
                new Suite("ECDHE-ECDSA-AES128-SHA",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA),
                new Suite("ECDHE-RSA-AES128-SHA",
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
                new Suite("ECDHE-ECDSA-AES256-SHA",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA),
                new Suite("ECDHE-RSA-AES256-SHA",
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA));
    }

    /** {@return our suites that {@code crypto} supports, in our order} */
    static int[] supported(TlsCrypto crypto) {
        return TlsUtils.getSupportedCipherSuites(crypto, PREFERRED);
    }

    /** {@return {@code configured} (null: ours) that {@code crypto} supports, in that order} */
    static int[] supported(TlsCrypto crypto, int @Nullable [] configured) {
        return TlsUtils.getSupportedCipherSuites(crypto,
                configured == null ? PREFERRED : configured);
    }

    /**
     * {@return the {@code versions} some of {@code suites} can be used with}: configuring only
     * TLS 1.2 suites turns TLS 1.3 off and the other way round, as the suites are all offered
     */
    static ProtocolVersion[] usable(ProtocolVersion[] versions, int[] suites) {
        List<ProtocolVersion> usable = new ArrayList<>();
        for (ProtocolVersion v : versions) {
            for (int suite : suites) {
                if (TlsUtils.isValidVersionForCipherSuite(suite, v)) {
                    usable.add(v);
                    break;
                }
            }
        }
        return usable.toArray(new ProtocolVersion[0]);
    }

    /**
     * Checks that some version of {@code min..max} fits some of {@code suites} (null: ours).
     *
     * @throws IllegalArgumentException naming {@code option}, when no handshake could succeed
     */
    public static void requireUsable(TlsVersion min, TlsVersion max, int @Nullable [] suites,
            String option) {
        if (suites != null && usable(TlsVersion.range(min, max), suites).length == 0) {
            throw new IllegalArgumentException("the suites of option " + option + " fit none of "
                    + "the TLS versions " + min + " to " + max + ": TLS 1.3 suites are "
                    + "TLS_AES_*/TLS_CHACHA20_*, the others are TLS 1.2 (and 1.0/1.1 for *-SHA)");
        }
    }

    /**
     * {@return the suites named in {@code spec}, in its order, or null for an empty spec (the
     * defaults)}: names separated by colons (commas and spaces work too), each an OpenSSL name
     * ({@code ECDHE-RSA-AES128-GCM-SHA256}, {@code TLS_AES_128_GCM_SHA256}) or an IANA name
     * ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}), case-insensitive
     *
     * @throws IllegalArgumentException naming the first token that is not a supported suite
     */
    public static int @Nullable [] parse(@Nullable String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        Set<Integer> suites = new LinkedHashSet<>();
        for (String token : spec.strip().split("[:,\\s]+")) {
            suites.add(suite(token));
        }
        return suites.stream().mapToInt(i -> i).toArray();
    }

    /** {@return the accepted form of a cipher list, for messages and help} */
    public static String form() {
        List<String> names = SUITES.stream().map(Suite::openssl).toList();
        return "a colon-separated list of cipher suite names, OpenSSL (" + String.join(", ",
                names) + ") or the IANA names of the same suites "
                + "(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ...), or empty for the defaults";
    }

    private static int suite(String token) {
        String upper = token.toUpperCase(Locale.ROOT);
        for (Suite suite : SUITES) {
            if (upper.equals(suite.openssl()) || upper.equals(suite.iana())) {
                return suite.code();
            }
        }
        if (token.startsWith("!") || token.startsWith("-") || token.startsWith("+")
                || token.startsWith("@") || token.contains("+") || KEYWORDS.contains(token)
                || KEYWORDS.contains(upper)) {
            throw new IllegalArgumentException("\"" + token + "\" is OpenSSL cipher-string "
                    + "syntax (keywords, !, +, -, @SECLEVEL), which mitm4j does not support; "
                    + "list explicit suite names");
        }
        throw new IllegalArgumentException("unknown or unsupported cipher suite \"" + token
                + "\"");
    }
}
