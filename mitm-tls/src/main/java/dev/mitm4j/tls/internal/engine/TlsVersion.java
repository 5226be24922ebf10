package dev.mitm4j.tls.internal.engine;

import java.util.Locale;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * TLS versions the engine can negotiate, with mitmproxy's option names
 * ({@code tls_version_client_min} and friends). SSL 3 is not supported; {@code UNBOUNDED} means
 * TLS 1.0 as a minimum and TLS 1.3 as a maximum.
 */
public enum TlsVersion {
    TLS1("TLSv1", ProtocolVersion.TLSv10),
    TLS1_1("TLSv1.1", ProtocolVersion.TLSv11),
    TLS1_2("TLSv1.2", ProtocolVersion.TLSv12),
    TLS1_3("TLSv1.3", ProtocolVersion.TLSv13);

    private final String protocolName;
    private final ProtocolVersion bc;

    TlsVersion(String protocolName, ProtocolVersion bc) {
        this.protocolName = protocolName;
        this.bc = bc;
    }

    /** {@return the name as the JDK and OpenSSL print it, e.g. {@code TLSv1.3}} */
    public String protocolName() {
        return protocolName;
    }

    /**
     * {@return the version of a mitmproxy option value}
     *
     * @param value UNBOUNDED, SSL3, TLS1, TLS1_1, TLS1_2 or TLS1_3 (any case)
     * @param maximum whether the option is a maximum (UNBOUNDED then means TLS 1.3)
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TlsVersion fromOption(String value, boolean maximum) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("UNBOUNDED")) {
            return maximum ? TLS1_3 : TLS1;
        }
        if (v.equals("SSL3")) {
            throw new IllegalArgumentException("SSL3 is not supported; use TLS1 or later");
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS version '" + value
                    + "': expected one of UNBOUNDED, TLS1, TLS1_1, TLS1_2, TLS1_3", e);
        }
    }

    /** {@return the version BC negotiated, as ours} */
    static TlsVersion of(ProtocolVersion v) {
        for (TlsVersion t : values()) {
            if (t.bc.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unexpected version " + v);
    }

    /** {@return BC's versions from {@code max} down to {@code min}} */
    static ProtocolVersion[] range(TlsVersion min, TlsVersion max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("minimum " + min + " above maximum " + max);
        }
        return max.bc.downTo(min.bc);
    }
}
