package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.tls.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The onboarding app (options {@code onboarding}, {@code onboarding_host}, default
 * {@code mitm.it}): requests through the proxy to {@code http://mitm.it/} are answered by the
 * proxy itself with a page of install steps, and the CA certificate at mitmproxy's paths
 * {@code /cert/pem}, {@code /cert/p12} and {@code /cert/cer}. The server is never contacted.
 *
 * <p>The CA is loaded from (or made in) {@code confdir} on the first onboarding request only.
 * Thread-safe: it holds no per-request state.
 */
public final class Onboarding implements Addon {
    private record Download(String file, String contentType) {}

    private static final Map<String, Download> DOWNLOADS = Map.of(
            "/cert/pem", new Download("mitmproxy-ca-cert.pem", "application/x-x509-ca-cert"),
            "/cert/p12", new Download("mitmproxy-ca-cert.p12", "application/x-pkcs12"),
            "/cert/cer", new Download("mitmproxy-ca-cert.cer", "application/x-x509-ca-cert"));

    private final String host;
    private final Path confdir;
    private final Options options;

    public Onboarding(Options options) {
        this.options = options;
        this.host = options.onboardingHost().toLowerCase(Locale.ROOT);
        this.confdir = Paths.expand(options.confdir());
    }

    @Override
    public String name() {
        return "onboarding";
    }

    @Override
    public void request(HttpFlow flow) {
        Request request = flow.request();
        if (flow.response() != null || !request.host().toLowerCase(Locale.ROOT).equals(host)) {
            return;
        }
        String path = request.path();
        int query = path.indexOf('?');
        flow.response(answer(query < 0 ? path : path.substring(0, query)));
    }

    private Response answer(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return Response.make(200, OnboardingPage.html(host, confdir),
                    Headers.of("Content-Type", "text/html; charset=utf-8"));
        }
        Download download = DOWNLOADS.get(path);
        if (download == null) {
            return Response.make(404, "Not found: the onboarding app serves /, /cert/pem, "
                    + "/cert/p12 and /cert/cer\n", Headers.of("Content-Type", "text/plain"));
        }
        return Response.make(200, read(download.file()), Headers.of(
                "Content-Type", download.contentType(),
                "Content-Disposition", "attachment; filename=\"" + download.file() + "\""));
    }

    private byte[] read(String file) {
        Path path = confdir.resolve(file);
        if (!Files.exists(path)) {
            CertificateAuthority.builder().confdir(confdir).keySize(options.keySize())
                    .passphrase(options.certPassphrase()).build();
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("onboarding: cannot read " + path, e);
        }
    }
}
