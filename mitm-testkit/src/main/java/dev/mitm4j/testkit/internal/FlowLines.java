package dev.mitm4j.testkit.internal;

import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.util.List;

/** One-line descriptions of flows for assertion messages. */
public final class FlowLines {
    private FlowLines() {}

    /** {@return the flows seen, one line each, plus a note on evicted flows} */
    public static String describe(List<HttpFlow> flows, long evicted) {
        StringBuilder sb = new StringBuilder();
        sb.append("flows seen (").append(flows.size()).append(')');
        if (evicted > 0) {
            sb.append(", ").append(evicted).append(" older flow(s) evicted");
        }
        sb.append(':');
        if (flows.isEmpty()) {
            sb.append("\n  (none)");
        }
        for (HttpFlow flow : flows) {
            sb.append("\n  ").append(line(flow));
        }
        return sb.toString();
    }

    /** {@return {@code "GET http://h/p -> 200 OK (12 B)"} or {@code "... -> error: msg"}} */
    public static String line(HttpFlow flow) {
        String head = flow.request().method() + " " + flow.request().prettyUrl();
        Response response = flow.response();
        FlowError error = flow.error();
        if (response != null) {
            byte[] raw = response.rawContent();
            head += " -> " + response.statusCode() + " " + response.reason()
                    + " (" + (raw == null ? 0 : raw.length) + " B)";
        }
        if (error != null) {
            head += " -> error: " + error.msg();
        }
        if (response == null && error == null) {
            head += " -> (no response)";
        }
        return head;
    }
}
