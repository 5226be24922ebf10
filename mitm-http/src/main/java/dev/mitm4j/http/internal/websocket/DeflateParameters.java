package dev.mitm4j.http.internal.websocket;

/**
 * What one leg of a connection agreed for permessage-deflate (RFC 7692 §7.1), in the RFC's own
 * terms: parameters named {@code server_*} govern what the server compresses, {@code client_*}
 * what the client compresses. A proxy has two legs, each with its own agreement; on each it takes
 * the role it plays there and asks for its compressor and decompressor with {@link #deflater} and
 * {@link #inflater}.
 *
 * @param serverNoContextTakeover the server resets its compressor after each message
 * @param clientNoContextTakeover the client resets its compressor after each message
 * @param serverMaxWindowBits the largest window the server compresses with (8 to 15)
 * @param clientMaxWindowBits the largest window the client compresses with (8 to 15)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
        int serverMaxWindowBits, int clientMaxWindowBits) {
    /** No parameter: context kept and 15-bit windows both ways. */
    public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 15, 15);

    /**
     * Validates the window sizes.
     *
     * @throws IllegalArgumentException for a window outside 8..15
     */
    public DeflateParameters {
        bits("serverMaxWindowBits", serverMaxWindowBits);
        bits("clientMaxWindowBits", clientMaxWindowBits);
    }

    /** {@return the compressor for what {@code us} sends on this leg} */
    public MessageDeflater deflater(Role us) {
        return us == Role.SERVER
                ? new MessageDeflater(serverNoContextTakeover, serverMaxWindowBits)
                : new MessageDeflater(clientNoContextTakeover, clientMaxWindowBits);
    }

    /** {@return the decompressor for what the peer of {@code us} sends on this leg} */
    public MessageInflater inflater(Role us) {
        return new MessageInflater(
                us == Role.SERVER ? clientNoContextTakeover : serverNoContextTakeover);
    }

    private static void bits(String name, int value) {
        if (value < 8 || value > 15) {
            throw new IllegalArgumentException(name + " must be in 8..15: " + value);
        }
    }
}
