/**
 * Runnable examples and the mitmdump-compatible command line.
 */
module dev.mitm4j.examples {
    requires static org.jspecify;
    requires dev.mitm4j.core;
    requires dev.mitm4j.replay;

}
