/**
 * Runnable examples and the mitmdump-compatible command line.
 */
module dev.mitm4j.examples {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires transitive dev.mitm4j.core; // the PROXY protocol example's API shows core's types
    requires dev.mitm4j.replay;
    requires jdk.unsupported; // sun.misc.Signal: Ctrl-C and SIGTERM end mitmdump with status 0
    requires jdk.management; // G1PeriodicGCInterval: give heap back when idle (IdleHeap)

    exports dev.mitm4j.examples.proxyprotocol;
}
