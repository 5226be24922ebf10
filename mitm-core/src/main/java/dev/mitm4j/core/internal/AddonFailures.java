package dev.mitm4j.core.internal;

import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Reports an addon that threw: at WARN through SLF4J, with the stack trace, and, when SLF4J has
 * no provider (it then drops every message after one warning of its own), also as one line on
 * {@code System.err}, so that a broken addon never fails silently. slf4j-nop, chosen on purpose,
 * counts as a provider.
 */
public final class AddonFailures {
    private AddonFailures() {}

    /**
     * Logs that {@code addon} threw {@code e} in {@code event}.
     *
     * @param log the caller's logger
     * @param consequence what happens next, such as "the flow goes on"
     */
    public static void report(Logger log, String addon, String event, String consequence,
            Throwable e) {
        log.warn("addon {} failed in {}; {}", addon, event, consequence, e);
        if (Provider.MISSING) {
            print(System.err, addon, event, consequence, e);
        }
    }

    /** Prints the one-line form of a failure to {@code out}. */
    static void print(PrintStream out, String addon, String event, String consequence,
            Throwable e) {
        String line = "mitm4j: addon " + addon + " failed in " + event + "; " + consequence
                + ": " + e + " (no SLF4J provider on the class path: add one, such as"
                + " slf4j-simple, to see the stack trace)";
        out.println(line.replaceAll("[\\r\\n]+", " "));
    }

    /**
     * {@return whether SLF4J fell back to its no-operation logger for want of a provider}
     *
     * @param loader where slf4j-nop's provider would be
     */
    static boolean missing(ILoggerFactory factory, ClassLoader loader) {
        if (!(factory instanceof NOPLoggerFactory)) {
            return false;
        }
        try {
            Class.forName("org.slf4j.nop.NOPServiceProvider", false, loader);
            return false;
        } catch (ClassNotFoundException | LinkageError notChosen) {
            return true;
        }
    }

    /** Decided once, on the first failure, after SLF4J has bound. */
    private static final class Provider {
        static final boolean MISSING = missing(LoggerFactory.getILoggerFactory(),
                loader());

        private static ClassLoader loader() {
            ClassLoader l = LoggerFactory.class.getClassLoader();
            return l != null ? l : ClassLoader.getSystemClassLoader();
        }
    }
}
