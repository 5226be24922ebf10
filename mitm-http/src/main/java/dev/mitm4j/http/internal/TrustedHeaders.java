package dev.mitm4j.http.internal;

import dev.mitm4j.http.Headers;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the HTTP/1 codec builds {@link Headers} from a header block it has just validated, keeping
 * the raw block as their wire form, without the checks {@link Headers}' public methods run on
 * every field (the parser's own checks are stricter; running both would cost the hot parse path a
 * second pass over every value). This is the JDK's shared-secrets pattern: {@link Headers}
 * registers its private factory here when it is initialised. The package is not exported, so
 * only this module's code can reach it.
 *
 * <p>Callers promise what the public API would have checked: every name is a token, no value
 * holds CR, LF or NUL, and the raw block is exactly the bytes the fields were parsed from.
 * Thread-safe.
 */
public final class TrustedHeaders {
    /** Builds headers without checking them; implemented by {@link Headers}. */
    @FunctionalInterface
    public interface Factory {
        /**
         * {@return headers holding a copy of {@code fields}, serialised as {@code rawBlock} until
         * the first change}
         */
        Headers create(List<Headers.Field> fields, byte @Nullable [] rawBlock);
    }

    private static volatile @Nullable Factory factory;

    private TrustedHeaders() {}

    /**
     * Registers the factory; called once, by {@link Headers}' static initialiser.
     *
     * @throws IllegalStateException when one is registered already
     */
    public static void register(Factory f) {
        if (factory != null) {
            throw new IllegalStateException("the headers factory is registered already");
        }
        factory = f;
    }

    /**
     * {@return headers for fields and a raw block the caller validated (see the class comment)}
     */
    public static Headers of(List<Headers.Field> fields, byte @Nullable [] rawBlock) {
        Factory f = factory;
        if (f == null) {
            initialise(Headers.class);
            f = java.util.Objects.requireNonNull(factory, "Headers registered no factory");
        }
        return f.create(fields, rawBlock);
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
