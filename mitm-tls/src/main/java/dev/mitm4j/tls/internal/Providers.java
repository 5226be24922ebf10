package dev.mitm4j.tls.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle JCA provider instance of this module. It is handed to BouncyCastle's
 * builders explicitly where the JDK's providers lack an algorithm (old encrypted PEM keys);
 * it is never registered with {@code java.security.Security}.
 */
public final class Providers {
    private static final Provider BC = new BouncyCastleProvider();

    private Providers() {}

    /** {@return the private, unregistered BouncyCastle provider} */
    public static Provider bouncyCastle() {
        return BC;
    }
}
