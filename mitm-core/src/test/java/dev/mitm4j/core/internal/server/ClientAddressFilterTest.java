package dev.mitm4j.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mitm4j.core.Options;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** block_global / block_private decisions (loopback tests cannot come from other addresses). */
class ClientAddressFilterTest {

    private static String refusal(String blockGlobal, String blockPrivate, String address)
            throws Exception {
        Options options = Options.builder().set("block_global", blockGlobal)
                .set("block_private", blockPrivate).build();
        return new ClientAddressFilter(options).refusal(InetAddress.getByName(address));
    }

    @Test
    void defaultsRefusePublicAndLetPrivateAndLoopbackIn() throws Exception {
        assertEquals("public address and block_global is on",
                refusal("true", "false", "8.8.8.8"));
        assertEquals("public address and block_global is on",
                refusal("true", "false", "2001:4860:4860::8888"));
        assertNull(refusal("true", "false", "10.1.2.3"));
        assertNull(refusal("true", "false", "192.168.0.7"));
        assertNull(refusal("true", "false", "100.64.0.1"));
        assertNull(refusal("true", "false", "fd00::1"));
        assertNull(refusal("true", "true", "127.0.0.1"));
        assertNull(refusal("true", "true", "::1"));
    }

    @Test
    void blockPrivateRefusesPrivateAddresses() throws Exception {
        assertEquals("private address and block_private is on",
                refusal("false", "true", "172.16.0.1"));
        assertNull(refusal("false", "true", "8.8.8.8"));
    }
}
