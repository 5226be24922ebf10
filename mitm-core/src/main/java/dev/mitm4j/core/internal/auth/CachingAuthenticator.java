package dev.mitm4j.core.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers credentials that passed a slow check (bcrypt costs tens of milliseconds, and a
 * client sends {@code Proxy-Authorization} on every request). Only a SHA-256 of
 * {@code user:password} is kept, at most {@value #MAX} of them; failures are never cached.
 */
final class CachingAuthenticator implements ProxyAuthenticator {
    private static final int MAX = 1024;

    private final ProxyAuthenticator delegate;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    CachingAuthenticator(ProxyAuthenticator delegate) {
        this.delegate = delegate;
    }

    @Override public boolean authenticate(String username, String password) {
        String key = HexFormat.of().formatHex(ConstantTime.sha256(
                (username + ':' + password).getBytes(StandardCharsets.UTF_8)));
        if (accepted.contains(key)) {
            return true;
        }
        if (!delegate.authenticate(username, password)) {
            return false;
        }
        if (accepted.size() >= MAX) {
            accepted.clear();
        }
        accepted.add(key);
        return true;
    }
}
