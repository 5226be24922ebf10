package dev.mitm4j.replay;

/**
 * The file ended in the middle of a record, as happens when the writing process was killed.
 * {@link FlowReader} treats this as a warning when it concerns the last record: everything
 * before {@link #offset()} (where the incomplete record starts) was read.
 */
public final class TruncatedFlowFileException extends FlowFileException {
    /** Creates the exception for an incomplete record starting at {@code recordOffset}. */
    public TruncatedFlowFileException(long recordOffset, long missing) {
        super("truncated record (" + missing + " more bytes expected) starting", recordOffset);
    }
}
