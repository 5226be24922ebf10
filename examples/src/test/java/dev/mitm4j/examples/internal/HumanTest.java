package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HumanTest {
    @Test void prettySizeAsMitmproxy() {
        assertEquals("0b", Human.prettySize(0));
        assertEquals("100b", Human.prettySize(100));
        assertEquals("1023b", Human.prettySize(1023));
        assertEquals("1k", Human.prettySize(1024));
        assertEquals("1.21k", Human.prettySize(1234));
        assertEquals("1.5m", Human.prettySize(3 << 19));
        assertEquals("1g", Human.prettySize(1L << 30));
        assertEquals("2t", Human.prettySize(2L << 40));
    }

    @Test void addresses() throws Exception {
        assertEquals("127.0.0.1:50588", Human.formatAddress(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50588)));
        assertEquals("[::1]:8080", Human.formatAddress(
                new InetSocketAddress(InetAddress.getByName("::1"), 8080)));
        assertEquals("[2001:db8::1:0:0:1]:1", Human.formatAddress(
                new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1)));
        assertEquals("10.0.0.1:1", Human.formatAddress(
                new InetSocketAddress(InetAddress.getByName("::ffff:10.0.0.1"), 1)));
    }
}
