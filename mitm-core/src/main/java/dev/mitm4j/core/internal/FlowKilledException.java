package dev.mitm4j.core.internal;

import java.io.IOException;

/** Control flow: a flow was killed; its connection closes. Never leaves the engine. */
public final class FlowKilledException extends IOException {
    private static final long serialVersionUID = 1L;

    public FlowKilledException() {
        super("Connection killed.", null);
    }

    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
