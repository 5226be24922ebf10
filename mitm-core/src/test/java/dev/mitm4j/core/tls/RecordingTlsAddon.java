package dev.mitm4j.core.tls;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.TlsData;
import dev.mitm4j.http.HttpFlow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records TLS and HTTP events in order, as "event host" strings, and keeps the flows. */
class RecordingTlsAddon implements Addon {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<HttpFlow> flows = new CopyOnWriteArrayList<>();
    final List<TlsData> tls = new CopyOnWriteArrayList<>();

    @Override
    public void tlsClientHello(ClientHelloData data) {
        events.add("tls_clienthello " + data.clientHello().sni());
    }

    @Override
    public void tlsEstablishedServer(TlsData data) {
        tls.add(data);
        events.add("tls_established_server");
    }

    @Override
    public void tlsFailedServer(TlsData data) {
        tls.add(data);
        events.add("tls_failed_server");
    }

    @Override
    public void tlsEstablishedClient(TlsData data) {
        tls.add(data);
        events.add("tls_established_client");
    }

    @Override
    public void tlsFailedClient(TlsData data) {
        tls.add(data);
        events.add("tls_failed_client");
    }

    @Override
    public void response(HttpFlow flow) {
        flows.add(flow);
        events.add("response " + flow.request().url());
    }

    @Override
    public void error(HttpFlow flow) {
        flows.add(flow);
        events.add("error " + flow.request().url());
    }
}
