package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client and server connection records. */
class ConnectionTest {
    @Test
    void clientConnectionsStartNowInRegularMode() {
        ClientConnection c = new ClientConnection(new InetSocketAddress("127.0.0.1", 5000),
                new InetSocketAddress("127.0.0.1", 8080));
        assertNotNull(c.timestampStart());
        assertEquals("regular", c.proxyMode());
        assertEquals(5000, c.peername().getPort());
        assertEquals(ConnectionState.CLOSED, c.state());
        assertEquals("tcp", c.transportProtocol());
        assertFalse(c.tlsEstablished());
    }

    @Test
    void tlsIsEstablishedOnceTheHandshakeTimestampIsSet() {
        ServerConnection s = new ServerConnection(InetSocketAddress.createUnresolved("h", 443));
        s.tls(true);
        assertFalse(s.tlsEstablished());
        s.timestampTlsSetup(Instant.now());
        assertTrue(s.tlsEstablished());
    }

    @Test
    void listsAreCopiedOnTheWayIn() {
        ClientConnection c = new ClientConnection();
        List<String> offers = new ArrayList<>(List.of("h2", "http/1.1"));
        c.alpnOffers(offers);
        offers.clear();
        assertEquals(List.of("h2", "http/1.1"), c.alpnOffers());
        assertThrows(UnsupportedOperationException.class, () -> c.alpnOffers().add("x"));
    }

    @Test
    void anOpenServerConnectionKeepsItsAddress() {
        ServerConnection s = new ServerConnection(InetSocketAddress.createUnresolved("a", 80));
        s.state(ConnectionState.OPEN);
        assertTrue(s.connected());
        assertThrows(IllegalStateException.class,
                () -> s.address(InetSocketAddress.createUnresolved("b", 80)));
        s.state(ConnectionState.CLOSED);
        s.address(InetSocketAddress.createUnresolved("b", 80));
        assertEquals("b", s.address().getHostString());
    }

    @Test
    void copiesKeepIdAndFields() {
        ServerConnection s = new ServerConnection(InetSocketAddress.createUnresolved("a", 80));
        s.sni("a");
        s.via("http://upstream:8080");
        ServerConnection copy = s.copy();
        assertEquals(s.id(), copy.id());
        assertEquals("a", copy.sni());
        assertEquals("http://upstream:8080", copy.via());
        assertEquals(s.address(), copy.address());
    }
}
