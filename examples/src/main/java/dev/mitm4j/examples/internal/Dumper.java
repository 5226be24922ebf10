package dev.mitm4j.examples.internal;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Prints flows as mitmdump's dumper addon does, at {@code flow_detail} 0 (nothing) to 4:
 * <pre>
 * 127.0.0.1:50588: GET http://example.com/
 *               &lt;&lt; 200 OK 1.2k
 * </pre>
 * Level 1 aligns the response line under the method; 2 adds headers; 3 adds bodies cut at 70
 * lines; 4 prints bodies whole. Bodies are shown as mitmdump's content views show them: decoded
 * by their {@code Content-Encoding} (gzip, deflate, br, zstd; the bytes as sent when they do not
 * decode), and "content missing" for a body that was not kept. Errors print
 * {@code " << message"}. No colours (mitmdump prints none either when its output is not a
 * terminal). Thread-safe: one flow's lines are never interleaved with another's.
 */
public final class Dumper {
    private final PrintStream out;
    private final int detail;
    private final boolean showhost;
    private final Predicate<Flow> filter;
    private final ReentrantLock lock = new ReentrantLock();

    /** Prints to {@code out}; {@code filter} selects the flows (mitmdump's positional filter). */
    public Dumper(PrintStream out, int flowDetail, boolean showhost, Predicate<Flow> filter) {
        this.out = out;
        this.detail = flowDetail;
        this.showhost = showhost;
        this.filter = filter;
    }

    /** The {@code response} event: prints the whole flow. */
    public void response(HttpFlow flow) {
        if (matches(flow)) {
            print(render(flow));
        }
    }

    /** The {@code error} event of an HTTP flow: prints what there is and the error. */
    public void error(HttpFlow flow) {
        response(flow);
    }

    /** The {@code tcpMessage} event: one line per message, the content from level 3. */
    public void tcpMessage(TcpFlow flow) {
        if (!matches(flow) || flow.messages().isEmpty()) {
            return;
        }
        TcpMessage message = flow.messages().get(flow.messages().size() - 1);
        String arrow = message.fromClient() ? "->" : "<-";
        StringBuilder s = new StringBuilder();
        s.append(address(flow.client().peername())).append(' ').append(arrow).append(" tcp ")
                .append(arrow).append(' ').append(address(flow.server().address())).append('\n');
        if (detail >= 3) {
            content(s, message.content());
        }
        print(s.toString());
    }

    /** The {@code tcpError} event. */
    public void tcpError(TcpFlow flow) {
        if (matches(flow) && flow.error() != null) {
            print("Error in TCP connection to " + address(flow.server().address()) + ": "
                    + flow.error().msg() + "\n");
        }
    }

    private boolean matches(Flow flow) {
        return detail > 0 && filter.test(flow);
    }

    /** {@return the lines mitmdump prints for {@code flow}} */
    public String render(HttpFlow flow) {
        StringBuilder s = new StringBuilder();
        requestLine(s, flow);
        message(s, flow.request());
        Response response = flow.response();
        if (response != null) {
            responseLine(s, flow, response);
            message(s, response);
        }
        if (flow.error() != null) {
            s.append(" << ").append(escape(flow.error().msg())).append('\n');
        }
        return s.toString();
    }

    private void requestLine(StringBuilder s, HttpFlow flow) {
        Request request = flow.request();
        String client = "[replay]".equals(replayTag(flow, "request")) ? "[replay]"
                : address(flow.client().peername());
        String url = showhost ? request.prettyUrl() : request.url();
        if (detail == 1 && url.length() > urlLimit()) {
            url = url.substring(0, urlLimit()) + "…";
        }
        s.append(client).append(": ").append(escape(request.method())).append(' ')
                .append(escape(url)).append(versionSuffix(flow)).append('\n');
    }

    /** mitmdump cuts URLs at level 1 to the terminal width less 25 (80 columns when unknown). */
    private static int urlLimit() {
        int columns = 80;
        try {
            columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
        } catch (NumberFormatException e) {
            // keep 80, as Python's shutil.get_terminal_size does
        }
        return Math.max(columns - 25, 50);
    }

    private static String versionSuffix(HttpFlow flow) {
        String version = flow.request().httpVersion();
        boolean http1 = version.equals("HTTP/1.1") || version.equals("HTTP/1.0");
        String responseVersion = flow.response() == null ? "HTTP/1.1"
                : flow.response().httpVersion();
        return !http1 || !version.equals(responseVersion) ? " " + version : "";
    }

    private void responseLine(StringBuilder s, HttpFlow flow, Response response) {
        String replay = replayTag(flow, "response");
        String version = flow.request().httpVersion().equals(response.httpVersion())
                && response.httpVersion().startsWith("HTTP/1") ? "" : response.httpVersion() + " ";
        byte[] raw = response.rawContent();
        String size = raw == null ? "(content missing)" : Human.prettySize(raw.length);
        String arrows = " <<";
        if (detail == 1) {
            int pad = address(flow.client().peername()).length()
                    - (2 + version.length() + replay.length());
            arrows = " ".repeat(Math.max(0, pad)) + arrows;
        }
        s.append(replay).append(arrows).append(' ').append(version).append(response.statusCode())
                .append(' ').append(escape(response.reason())).append(' ').append(size)
                .append('\n');
    }

    private static String replayTag(Flow flow, String side) {
        return side.equals(flow.isReplay()) ? "[replay]" : "";
    }

    private void message(StringBuilder s, Message message) {
        if (detail >= 2) {
            headers(s, message.headers());
        }
        if (detail >= 3) {
            if (message.rawContent() == null) {
                s.append("\n    content missing\n");
            } else {
                content(s, message.content(false));
            }
            s.append('\n');
        }
        if (detail >= 2 && message.trailers() != null && !message.trailers().isEmpty()) {
            s.append("    --- HTTP Trailers\n");
            headers(s, message.trailers());
        }
    }

    private static void headers(StringBuilder s, Headers headers) {
        for (Headers.Field field : headers) {
            s.append("    ").append(escape(field.name())).append(": ")
                    .append(escape(field.value())).append('\n');
        }
    }

    private void content(StringBuilder s, byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            return;
        }
        List<String> lines = ContentView.lines(body);
        int shown = detail == 3 ? Math.min(70, lines.size()) : lines.size();
        s.append('\n');
        for (int i = 0; i < shown; i++) {
            s.append("    ").append(lines.get(i)).append(i + 1 < shown ? "\r\n" : "\n");
        }
        if (shown < lines.size()) {
            s.append("    (cut off)\n");
        }
    }

    static String address(@Nullable InetSocketAddress address) {
        return address == null ? "" : Human.formatAddress(address);
    }

    /** Control characters as Python's escape_control_characters shows them. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                s.append(String.format("\\x%02x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private void print(String text) {
        lock.lock();
        try {
            out.print(text);
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
