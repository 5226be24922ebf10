package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.RootContext;
import org.jspecify.annotations.Nullable;

/** A context that adds one attribute on top of its parent. */
final class RealContext implements Context {
    private final Context parent;
    private final Key<?> key;
    private final Object value;

    <T> RealContext(Context parent, Key<T> key, T value) {
        this.parent = parent;
        this.key = key;
        this.value = key.type().cast(java.util.Objects.requireNonNull(value, key.name()));
    }

    @Override
    public Context parent() {
        return parent;
    }

    @Override
    public RootContext root() {
        return parent.root();
    }

    @Override
    public <T> @Nullable T get(Key<T> wanted) {
        if (wanted == key) {
            return wanted.type().cast(value);
        }
        return parent.get(wanted);
    }

    @Override
    public <T> Context with(Key<T> newKey, T newValue) {
        return new RealContext(this, newKey, newValue);
    }

    @Override
    public String toString() {
        return key.name() + "=" + value + " <- " + parent;
    }
}
