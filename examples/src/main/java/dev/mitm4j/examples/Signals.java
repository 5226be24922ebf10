package dev.mitm4j.examples;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as ordinary events: the proxy closes and {@code main} exits with
 * status 0, as mitmdump does, instead of the JVM's 130/143. Where {@code sun.misc.Signal} is
 * missing (it is in jdk.unsupported, present in every JDK so far), the caller's shutdown hook
 * still closes the proxy.
 */
final class Signals {
    private Signals() {}

    static void onInterruptOrTerminate(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | LinkageError e) {
                // this platform has no such signal, or no sun.misc: the shutdown hook remains
            }
        }
    }
}
