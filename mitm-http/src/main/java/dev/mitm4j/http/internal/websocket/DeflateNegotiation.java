package dev.mitm4j.http.internal.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Negotiates permessage-deflate (RFC 7692 §5 and §7.1) from the {@code Sec-WebSocket-Extensions}
 * headers, for each leg of a proxied connection separately.
 *
 * <p>A proxy uses it in three steps: {@link #filterOffer} turns the client's header into the offer
 * forwarded to the server (only valid permessage-deflate offers survive: an extension we cannot
 * decode is never relayed blind); {@link #confirm} checks the server's answer against that offer as
 * a client must, giving the server leg's {@link DeflateParameters}; the client leg's agreement is
 * either that same answer (when {@link #confirm} also accepts it against the client's own offer) or
 * our own choice from {@link #accept}. Either way each side gets what it negotiated and addons see
 * decompressed messages.
 *
 * <p>Every {@code *_max_window_bits} is accepted: decompression handles any window up to 15 bits,
 * and a smaller window demanded for what we compress is honoured by {@link MessageDeflater}'s
 * policy (see there). Invalid offers (unknown or repeated parameters, values outside 8..15 or with
 * leading zeros, a value on a flag) are declined, as §5.1 asks of a server. Stateless; every method
 * is thread-safe.
 */
public final class DeflateNegotiation {
    /** The extension token. */
    public static final String EXTENSION = "permessage-deflate";

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private DeflateNegotiation() {}

    /**
     * What a server agreed to, and the header value that tells the client.
     *
     * @param parameters the agreement
     * @param response the {@code Sec-WebSocket-Extensions} value to send
     */
    public record Agreement(DeflateParameters parameters, String response) {}

    /**
     * The parameters of one element, each at most once. A window of -1 means the parameter came
     * without a value (allowed for client_max_window_bits in an offer), null that it was absent.
     */
    private record Params(boolean serverNoContext, boolean clientNoContext,
            @Nullable Integer serverBits, @Nullable Integer clientBits) {}

    /**
     * {@return the offer to forward: the valid permessage-deflate elements of the client's
     * {@code Sec-WebSocket-Extensions} values, in order, or null when none is left (the header is
     * then removed)} A header that does not parse counts as no offer.
     */
    public static @Nullable String filterOffer(List<String> clientValues) {
        List<String> kept = new ArrayList<>();
        for (Extension e : parseOrEmpty(clientValues)) {
            if (isDeflate(e) && params(e, true) != null) {
                kept.add(e.toString());
            }
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    /**
     * Chooses, as a server, the first valid permessage-deflate offer among the client's values.
     * The response repeats the no-context-takeover flags the client asked for and the server
     * window it asked for; it never limits the client's window (we decode any).
     *
     * @return the agreement, or empty when nothing acceptable was offered
     */
    public static Optional<Agreement> accept(List<String> offerValues) {
        for (Extension e : parseOrEmpty(offerValues)) {
            Params p = isDeflate(e) ? params(e, true) : null;
            if (p == null) {
                continue;
            }
            int serverBits = p.serverBits() == null ? 15 : p.serverBits();
            DeflateParameters agreed =
                    new DeflateParameters(p.serverNoContext(), p.clientNoContext(), serverBits, 15);
            StringBuilder response = new StringBuilder(EXTENSION);
            if (p.serverNoContext()) {
                response.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
            }
            if (p.clientNoContext()) {
                response.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
            }
            if (p.serverBits() != null) {
                response.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverBits);
            }
            return Optional.of(new Agreement(agreed, response.toString()));
        }
        return Optional.empty();
    }

    /**
     * Checks, as a client, a server's {@code Sec-WebSocket-Extensions} answer against what was
     * offered (RFC 7692 §5 and §7.1).
     *
     * @return the agreement, or empty when the server declined (no extension in its answer)
     * @throws WebSocketHandshakeException when the answer names an extension that was not offered,
     *     more than one extension, a malformed or repeated parameter, or parameters that no offer
     *     allows (the client must then fail the connection)
     */
    public static Optional<DeflateParameters> confirm(List<String> offerValues,
            List<String> responseValues) throws WebSocketHandshakeException {
        List<Extension> answer = Extension.parse(responseValues);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (answer.size() > 1 || !isDeflate(answer.get(0))) {
            throw new WebSocketHandshakeException(
                    Extension.HEADER + " answer names an extension that was not offered");
        }
        Params r = params(answer.get(0), false);
        if (r == null) {
            throw new WebSocketHandshakeException(
                    Extension.HEADER + " answer has invalid permessage-deflate parameters");
        }
        for (Extension e : parseOrEmpty(offerValues)) {
            Params o = isDeflate(e) ? params(e, true) : null;
            if (o != null && answers(o, r)) {
                return Optional.of(new DeflateParameters(r.serverNoContext(),
                        r.clientNoContext() || o.clientNoContext(),
                        r.serverBits() == null ? 15 : r.serverBits(),
                        r.clientBits() == null ? 15 : r.clientBits()));
            }
        }
        throw new WebSocketHandshakeException(
                Extension.HEADER + " answer matches no permessage-deflate offer");
    }

    /** {@return whether response {@code r} is a valid acceptance of offer {@code o}} */
    private static boolean answers(Params o, Params r) {
        if (o.serverNoContext() && !r.serverNoContext()) {
            return false;
        }
        if (o.serverBits() != null && (r.serverBits() == null || r.serverBits() > o.serverBits())) {
            return false;
        }
        if (r.clientBits() != null) {
            if (o.clientBits() == null) {
                return false; // the client never said it could limit its window
            }
            return o.clientBits() == -1 || r.clientBits() <= o.clientBits();
        }
        return true;
    }

    private static boolean isDeflate(Extension e) {
        return e.name().equalsIgnoreCase(EXTENSION);
    }

    private static List<Extension> parseOrEmpty(List<String> values) {
        try {
            return Extension.parse(values);
        } catch (WebSocketHandshakeException e) {
            return List.of();
        }
    }

    /**
     * {@return the validated parameters of a permessage-deflate element, or null when invalid}
     *
     * @param offer whether it is an offer (client_max_window_bits may then lack a value)
     */
    private static @Nullable Params params(Extension e, boolean offer) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        Integer serverBits = null;
        Integer clientBits = null;
        List<String> seen = new ArrayList<>();
        for (Extension.Param p : e.params()) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            if (seen.contains(name)) {
                return null;
            }
            seen.add(name);
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    serverNoContext |= name.equals(SERVER_NO_CONTEXT_TAKEOVER);
                    clientNoContext |= name.equals(CLIENT_NO_CONTEXT_TAKEOVER);
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    serverBits = windowBits(p.value());
                    if (serverBits == null) {
                        return null;
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientBits = p.value() == null && offer ? Integer.valueOf(-1)
                            : windowBits(p.value());
                    if (clientBits == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Params(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    /** {@return 8..15 from a decimal without leading zeros, else null} */
    private static @Nullable Integer windowBits(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : null;
    }
}
