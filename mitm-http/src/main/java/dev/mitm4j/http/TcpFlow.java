package dev.mitm4j.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A raw TCP flow: the messages of both directions in the order they were read. The list is
 * mutable; the proxy appends to it and addons may inspect it in the tcp events. See
 * {@link Flow} for threading.
 */
public final class TcpFlow extends Flow {
    private final List<TcpMessage> messages = new ArrayList<>();

    /** Creates a live TCP flow between the two connections. */
    public TcpFlow(ClientConnection client, ServerConnection server) {
        this(client, server, true);
    }

    /** Creates a TCP flow; {@code live} is false for flows loaded from a file. */
    public TcpFlow(ClientConnection client, ServerConnection server, boolean live) {
        super("tcp", client, server, live);
    }

    /** {@return the messages so far, in order (the live, mutable list)} */
    public List<TcpMessage> messages() {
        return messages;
    }

    @Override
    public String toString() {
        return "TcpFlow(" + messages.size() + " messages)";
    }
}
