/**
 * Runnable examples and the mitmdump-compatible command line.
 */
module dev.mitm4j.examples {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires dev.mitm4j.core;
    requires dev.mitm4j.replay;
    requires jdk.unsupported; // sun.misc.Signal: Ctrl-C and SIGTERM end mitmdump with status 0
    requires jdk.management; // G1PeriodicGCInterval: give heap back when idle (IdleHeap)

}
