package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;

/**
 * mitmdump's dumper addon: flows go to stdout through a {@link Dumper}. It leaves
 * {@code addLog} alone: mitmdump's log lines are SLF4J's ({@link TermLog}), which already show
 * each line the proxy logs, those it also hands to addons included; printing them here too
 * showed each one twice.
 */
public final class DumperAddon implements Addon {
    private final Dumper dumper;

    public DumperAddon(Dumper dumper) {
        this.dumper = dumper;
    }

    @Override public String name() {
        return "dumper";
    }

    @Override public void response(HttpFlow flow) {
        dumper.response(flow);
    }

    @Override public void error(HttpFlow flow) {
        dumper.error(flow);
    }

    @Override public void tcpMessage(TcpFlow flow) {
        dumper.tcpMessage(flow);
    }

    @Override public void tcpError(TcpFlow flow) {
        dumper.tcpError(flow);
    }
}
