package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options only a mitm-replay addon acts on: starting a server with one of them set but without
 * its addon fails, naming the option and the addon, instead of ignoring the option.
 * (mitm-replay's own tests start servers with the addons.)
 */
class AddonOptionsTest {
    @ParameterizedTest
    @CsvSource({"server_replay, flows.mitm, ServerPlayback",
        "save_stream_file, out.mitm, SaveStream", "hardump, out.har, HarDump"})
    void anOptionWithoutItsAddonStopsTheStart(String option, String value, String addon) {
        ProxyServer server = ProxyServer.builder()
                .options(TestProxies.options(option, value)).build();
        try (server) {
            IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
            assertEquals("the option " + option + " is set but no addon acts on it: add "
                    + "mitm-replay's dev.mitm4j.replay." + addon + " to the ProxyServer builder",
                    e.getMessage());
            assertThrows(IllegalStateException.class, server::addresses, "not running");
        }
    }
}
