package dev.mitm4j.examples.internal;

/** A bad command line; the CLI prints the message and exits with status 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
