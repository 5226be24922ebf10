package dev.mitm4j.core.internal.auth;

/**
 * Decides whether a username and password may use the proxy (the {@code proxyauth} option). Used
 * by the HTTP layer (Basic {@code Proxy-Authorization}, or {@code Authorization} in reverse mode)
 * and by the SOCKS5 layer (RFC 1929).
 *
 * <p>Implementations are immutable and thread-safe; {@link #authenticate} may block briefly (a
 * bcrypt check costs milliseconds) and compares secrets in constant time.
 */
@FunctionalInterface
public interface ProxyAuthenticator {
    /** {@return whether these credentials are accepted} */
    boolean authenticate(String username, String password);
}
