package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.NextLayer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/** A custom layer plugged in through the nextLayer event, and the chain's contract. */
class LayerChainTest {
    private static final Context.Key<String> GREETING = Context.Key.of("greeting", String.class);

    /** Answers whatever line the client sends with a greeting read from its context. */
    static final class EchoLayer implements Layer {
        @Override
        public void handle(LayerChain chain) throws IOException {
            Context context = chain.context();
            String line = context.clientSource().readUtf8LineStrict();
            BufferedSink sink = context.clientSink();
            sink.writeUtf8(context.require(GREETING) + " " + line + "\n").flush();
        }
    }

    @Test
    void addonReplacesTheChosenLayerWithItsOwn() throws Exception {
        AtomicReference<String> peeked = new AtomicReference<>();
        Addon chooser = new Addon() {
            @Override
            public void nextLayer(NextLayer data) {
                peeked.set(data.peeked().utf8());
                Layer custom = new EchoLayer();
                data.layer(chain -> chain.proceed(chain.context().with(GREETING, "hello")));
                Layer wrapper = data.layer();
                data.layer(chain -> {
                    // The wrapper proceeds into the chain; the next layer is chosen again.
                    wrapper.handle(new LayerChain() {
                        @Override
                        public Context context() {
                            return chain.context();
                        }

                        @Override
                        public void proceed(Context context) throws IOException {
                            custom.handle(new LayerChain() {
                                @Override
                                public Context context() {
                                    return context;
                                }

                                @Override
                                public void proceed(Context next) {
                                    throw new AssertionError("echo does not proceed");
                                }
                            });
                        }
                    });
                });
            }
        };
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), chooser);
                RawClient client = new RawClient(proxy.port())) {
            String answer = client.send("PING me\n").readUntil("\n");
            assertEquals("hello PING me\n", answer);
        }
        assertTrue(peeked.get().startsWith("PING"), peeked.get());
    }

    @Test
    void proceedingTwiceIsRefusedNamingTheLayer() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Layer twice = new Layer() {
            @Override
            public void handle(LayerChain chain) throws IOException {
                chain.proceed();
                try {
                    chain.proceed();
                } catch (IllegalStateException e) {
                    failure.set(e);
                }
            }

            @Override
            public String toString() {
                return "twice";
            }
        };
        Layer done = chain -> { };
        Addon chooser = new Addon() {
            private int calls;

            @Override
            public void nextLayer(NextLayer data) {
                data.layer(calls++ == 0 ? twice : done);
            }
        };
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), chooser);
                RawClient client = new RawClient(proxy.port())) {
            assertEquals("", client.send("x\n").readAll());
        }
        assertEquals("layer twice must call proceed() at most once", failure.get().getMessage());
    }
}
