package dev.mitm4j.http.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeflateNegotiationTest {
    @Test
    void theForwardedOfferKeepsOnlyValidPermessageDeflateOffersInOrder() {
        assertEquals("permessage-deflate; client_max_window_bits, "
                + "permessage-deflate; server_max_window_bits=10",
                DeflateNegotiation.filterOffer(List.of(
                        "permessage-deflate; client_max_window_bits, x-webkit-deflate-frame",
                        "permessage-deflate; foo=1, "
                                + "permessage-deflate;server_max_window_bits=\"10\"",
                        "permessage-deflate; server_max_window_bits=7, mux")));
        assertNull(DeflateNegotiation.filterOffer(List.of("x-webkit-deflate-frame, mux; a=b")));
        assertNull(DeflateNegotiation.filterOffer(List.of("permessage-deflate; =broken")));
        assertNull(DeflateNegotiation.filterOffer(List.of()));
    }

    @Test
    void invalidOffersAreDeclined() {
        for (String offer : List.of("permessage-deflate; server_max_window_bits",
                "permessage-deflate; server_max_window_bits=08",
                "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; client_max_window_bits=7",
                "permessage-deflate; server_no_context_takeover=1",
                "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
                "permessage-deflate; unknown")) {
            assertEquals(Optional.empty(), DeflateNegotiation.accept(List.of(offer)), offer);
        }
    }

    @Test
    void asAServerTheFirstValidOfferIsAcceptedRepeatingWhatTheClientAskedFor() {
        DeflateNegotiation.Agreement plain = DeflateNegotiation.accept(
                List.of("permessage-deflate; client_max_window_bits")).orElseThrow();
        assertEquals("permessage-deflate", plain.response());
        assertEquals(DeflateParameters.DEFAULT, plain.parameters());

        DeflateNegotiation.Agreement asked = DeflateNegotiation.accept(List.of(
                "permessage-deflate; server_max_window_bits=7, "
                        + "PerMessage-Deflate; server_no_context_takeover; "
                        + "client_no_context_takeover; server_max_window_bits=10")).orElseThrow();
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                + "server_max_window_bits=10", asked.response());
        assertEquals(new DeflateParameters(true, true, 10, 15), asked.parameters());
    }

    @Test
    void asAClientAValidAnswerGivesTheAgreedParameters() throws Exception {
        List<String> offer = List.of("permessage-deflate; client_max_window_bits=12; "
                + "server_max_window_bits=11", "permessage-deflate");
        assertEquals(Optional.of(new DeflateParameters(false, false, 11, 9)),
                DeflateNegotiation.confirm(offer, List.of("permessage-deflate; "
                        + "server_max_window_bits=11; client_max_window_bits=9")));
        assertEquals(Optional.of(new DeflateParameters(true, false, 15, 15)),
                DeflateNegotiation.confirm(offer,
                        List.of("permessage-deflate; server_no_context_takeover")));
        assertEquals(Optional.of(new DeflateParameters(false, true, 15, 15)),
                DeflateNegotiation.confirm(
                        List.of("permessage-deflate; client_no_context_takeover"),
                        List.of("permessage-deflate")), "our own promise is kept");
        assertEquals(Optional.empty(), DeflateNegotiation.confirm(offer, List.of()));
    }

    @Test
    void asAClientAnAnswerNoOfferAllowsFailsTheHandshake() {
        List<String> offer = List.of("permessage-deflate; server_no_context_takeover; "
                + "server_max_window_bits=10");
        for (String answer : List.of("x-webkit-deflate-frame",
                "permessage-deflate, permessage-deflate",
                "permessage-deflate; server_max_window_bits=10",
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=12",
                "permessage-deflate; server_no_context_takeover",
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; "
                        + "client_max_window_bits=10",
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; "
                        + "client_max_window_bits",
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; x=1",
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=9; "
                        + "server_max_window_bits=9")) {
            WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class,
                    () -> DeflateNegotiation.confirm(offer, List.of(answer)), answer);
            assertEquals(-1, e.getMessage().indexOf("max_window_bits="), "no value echoed");
        }
    }

    @Test
    void anExtensionsHeaderParsesWithQuotesSpacesAndEmptyElements() throws Exception {
        List<Extension> parsed = Extension.parse(List.of(
                " foo ;a = 1 ; b=\"two\", ,bar", "baz;c"));
        assertEquals(List.of(
                new Extension("foo", List.of(new Extension.Param("a", "1"),
                        new Extension.Param("b", "two"))),
                new Extension("bar", List.of()),
                new Extension("baz", List.of(new Extension.Param("c", null)))), parsed);
        assertEquals("foo; a=1; b=two", parsed.get(0).toString());
        WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class,
                () -> Extension.parse(List.of("ok", "foo; b=\"not a token\"")));
        assertEquals("malformed Sec-WebSocket-Extensions (line 1, index 20): "
                + "quoted value that is not a token", e.getMessage());
    }
}
