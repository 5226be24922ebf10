package dev.mitm4j.replay.internal;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The matching key of server-side replay, as mitmproxy's {@code serverplayback._hash}: scheme,
 * method, URL path (without query, fragment and {@code ;params}); the body (or, when payload
 * parameters are ignored and the body is a form, its fields minus those); the pretty host; the
 * port; the query pairs minus ignored ones; the chosen headers. Two requests match when their
 * keys are equal (the key is a list compared by value, not a hash digest).
 *
 * @param ignoreContent {@code server_replay_ignore_content}
 * @param ignorePayloadParams {@code server_replay_ignore_payload_params}
 * @param ignoreHost {@code server_replay_ignore_host}
 * @param ignorePort {@code server_replay_ignore_port}
 * @param ignoreParams {@code server_replay_ignore_params}
 * @param useHeaders {@code server_replay_use_headers}
 */
public record ReplayKey(boolean ignoreContent, List<String> ignorePayloadParams,
        boolean ignoreHost, boolean ignorePort, List<String> ignoreParams,
        List<String> useHeaders) {
    /** Copies the lists. */
    public ReplayKey {
        ignorePayloadParams = List.copyOf(ignorePayloadParams);
        ignoreParams = List.copyOf(ignoreParams);
        useHeaders = List.copyOf(useHeaders);
    }

    /** {@return the key of {@code flow}'s request} */
    public List<@Nullable Object> of(HttpFlow flow) {
        Request r = flow.request();
        List<@Nullable Object> key = new ArrayList<>();
        key.add(r.scheme());
        key.add(r.method());
        key.add(urlPath(r.path()));
        if (!ignoreContent) {
            body(r, key);
        }
        if (!ignoreHost) {
            key.add(r.prettyHost());
        }
        if (!ignorePort) {
            key.add(r.port());
        }
        for (Map.Entry<String, String> q : r.query().items(true)) {
            if (!ignoreParams.contains(q.getKey())) {
                key.add(q.getKey());
                key.add(q.getValue());
            }
        }
        if (!useHeaders.isEmpty()) {
            List<@Nullable Object> headers = new ArrayList<>();
            for (String name : useHeaders) {
                headers.add(List.of(name, String.valueOf(r.headers().get(name))));
            }
            key.add(headers);
        }
        return key;
    }

    private void body(Request r, List<@Nullable Object> key) {
        if (!ignorePayloadParams.isEmpty()) {
            String type = r.headers().get("content-type");
            String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("multipart/form-data") && !r.multipartForm().isEmpty()) {
                addFields(r.multipartForm().items(true), key);
                return;
            }
            if (t.startsWith("application/x-www-form-urlencoded")
                    && !r.urlencodedForm().isEmpty()) {
                addFields(r.urlencodedForm().items(true), key);
                return;
            }
        }
        byte[] raw = r.rawContent();
        key.add(raw == null ? "None" : ByteString.of(raw));
    }

    private void addFields(List<Map.Entry<String, String>> fields, List<@Nullable Object> key) {
        for (Map.Entry<String, String> f : fields) {
            if (!ignorePayloadParams.contains(f.getKey())) {
                key.add(List.of(f.getKey(), f.getValue()));
            }
        }
    }

    /** Python's urlparse(url).path: no query, no fragment, no ";params" of the last segment. */
    static String urlPath(String path) {
        int end = path.length();
        int q = path.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = path.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        String p = path.substring(0, end);
        int lastSlash = p.lastIndexOf('/');
        int semi = p.indexOf(';', Math.max(lastSlash, 0));
        return semi >= 0 ? p.substring(0, semi) : p;
    }
}
