package dev.mitm4j.replay.internal;

/**
 * Limits a tnetstring reader enforces so that a hostile or broken file cannot exhaust memory or
 * the stack.
 *
 * @param maxRecordBytes the largest top-level record (one flow) read into memory
 * @param maxDepth how deeply lists and dicts may nest
 */
public record TNetLimits(int maxRecordBytes, int maxDepth) {
    /** 256 MiB per record and 64 levels: far beyond any real flow, well within a JVM. */
    public static final TNetLimits DEFAULT = new TNetLimits(256 << 20, 64);

    /** Checks that the limits are positive. */
    public TNetLimits {
        if (maxRecordBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxRecordBytes
                    + ", " + maxDepth);
        }
    }
}
