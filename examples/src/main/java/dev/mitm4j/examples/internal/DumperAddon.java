package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.LogEntry;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import java.io.PrintStream;
import java.util.List;

/**
 * mitmdump's dumper and termlog addons: flows go to {@code out} through a {@link Dumper}, log
 * lines at or above {@code termlog_verbosity} go to {@code err}.
 */
public final class DumperAddon implements Addon {
    private static final List<String> LEVELS = List.of("debug", "info", "alert", "warn", "error");

    private final Dumper dumper;
    private final PrintStream err;
    private final int minLevel;

    public DumperAddon(Dumper dumper, PrintStream err, String termlogVerbosity) {
        this.dumper = dumper;
        this.err = err;
        this.minLevel = Math.max(0, LEVELS.indexOf(termlogVerbosity));
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

    @Override public void addLog(LogEntry entry) {
        if (LEVELS.indexOf(entry.level()) >= minLevel) {
            err.println(entry.message());
            err.flush();
        }
    }
}
