package dev.mitm4j.http.internal.websocket;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages of one direction under permessage-deflate (RFC 7692 §7.2.2): raw
 * DEFLATE fed frame by frame, with the 0x00 0x00 0xff 0xff tail appended at the end of each
 * message, and output pulled in bounded pieces, so that the caller can stop as soon as a size
 * limit is passed (the inflate-bomb defence is {@link MessageReader}'s message limit).
 *
 * <p>The LZ77 window is kept across messages unless the sender promised no context takeover, in
 * which case it is dropped after each message. A sender may also end a DEFLATE stream with a final
 * block (BFINAL, §7.2.3.4); decoding then continues with a fresh stream primed with the last 32 KiB
 * of output, so later blocks may still refer to earlier data. The JDK's inflater accepts any window
 * up to 15 bits, so every {@code *_max_window_bits} is honoured on this side.
 *
 * <p>Call order per message: {@link #input} and {@link #inflate} until {@link #inflate} returns 0
 * with {@link #needsInput()}, for each frame; then {@link #endOfMessage()} and the same drain; then
 * {@link #messageDone()}. Not thread-safe. {@link #close()} frees the native inflater.
 */
public final class MessageInflater implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int WINDOW = 32 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final byte[] history = new byte[WINDOW];
    private int historyEnd;
    private boolean historyFull;
    private byte[] input = TAIL;
    private int inputEnd;

    /** @param noContextTakeover whether the sender resets its compressor after each message */
    public MessageInflater(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /** Feeds compressed bytes; they must stay unchanged until {@link #needsInput()}. */
    public void input(byte[] b, int off, int len) {
        inflater.setInput(b, off, len);
        input = b;
        inputEnd = off + len;
    }

    /** Feeds the tail that the sender stripped from the end of the message. */
    public void endOfMessage() {
        input(TAIL, 0, TAIL.length);
    }

    /** {@return whether all input fed so far was consumed} */
    public boolean needsInput() {
        return inflater.needsInput();
    }

    /**
     * Decompresses into {@code out}.
     *
     * @return the number of bytes written; 0 together with {@link #needsInput()} means all input
     *     so far was decoded
     * @throws DataFormatException when the data is not valid DEFLATE
     */
    public int inflate(byte[] out, int off, int len) throws DataFormatException {
        while (true) {
            int before = inflater.getRemaining();
            int n = inflater.inflate(out, off, len);
            if (n > 0) {
                remember(out, off, n);
            }
            if (inflater.finished()) {
                restartAfterFinalBlock();
            } else if (inflater.needsDictionary()) {
                throw new DataFormatException("DEFLATE data asks for a preset dictionary");
            }
            if (n > 0 || inflater.needsInput()) {
                return n;
            }
            if (inflater.getRemaining() >= before) {
                throw new DataFormatException("DEFLATE data makes no progress");
            }
        }
    }

    /** Ends a message: drops the window when the sender promised no context takeover. */
    public void messageDone() {
        if (noContextTakeover) {
            inflater.reset();
            historyEnd = 0;
            historyFull = false;
        }
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void restartAfterFinalBlock() {
        int remaining = inflater.getRemaining();
        inflater.reset();
        if (historyFull || historyEnd > 0) {
            inflater.setDictionary(historyBytes());
        }
        if (remaining > 0) {
            inflater.setInput(input, inputEnd - remaining, remaining);
        }
    }

    private void remember(byte[] b, int off, int n) {
        if (n >= WINDOW) {
            System.arraycopy(b, off + n - WINDOW, history, 0, WINDOW);
            historyEnd = 0;
            historyFull = true;
            return;
        }
        int first = Math.min(n, WINDOW - historyEnd);
        System.arraycopy(b, off, history, historyEnd, first);
        System.arraycopy(b, off + first, history, 0, n - first);
        int end = historyEnd + n;
        historyFull |= end >= WINDOW;
        historyEnd = end % WINDOW;
    }

    private byte[] historyBytes() {
        if (!historyFull) {
            return java.util.Arrays.copyOf(history, historyEnd);
        }
        byte[] ordered = new byte[WINDOW];
        System.arraycopy(history, historyEnd, ordered, 0, WINDOW - historyEnd);
        System.arraycopy(history, 0, ordered, WINDOW - historyEnd, historyEnd);
        return ordered;
    }
}
