package dev.mitm4j.core.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.ServerConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs events through the addons in registration order. An addon that throws is logged at WARN
 * with its name and the event (and printed to stderr when SLF4J has no provider, see
 * {@link AddonFailures}); the others still run and the caller goes on.
 */
public final class AddonChain {
    private static final Logger LOG = LoggerFactory.getLogger(AddonChain.class);

    private final Addon[] addons;

    public AddonChain(List<Addon> addons) {
        this.addons = addons.toArray(new Addon[0]);
    }

    /** {@return whether no addon is registered (lets hot paths skip building event data)} */
    public boolean isEmpty() {
        return addons.length == 0;
    }

    /** Delivers {@code hook} with {@code argument} to every addon. */
    public <T> void fire(Hook<T> hook, T argument) {
        for (Addon addon : addons) {
            try {
                hook.call().accept(addon, argument);
            } catch (RuntimeException | LinkageError e) {
                failed(addon, hook.name(), e);
            }
        }
    }

    /** Delivers a server connection event (two arguments) to every addon. */
    public void fireServer(ServerHook hook, ClientConnection client, ServerConnection server) {
        for (Addon addon : addons) {
            try {
                switch (hook) {
                    case CONNECT -> addon.serverConnect(client, server);
                    case CONNECTED -> addon.serverConnected(client, server);
                    case CONNECT_ERROR -> addon.serverConnectError(client, server);
                    case DISCONNECTED -> addon.serverDisconnected(client, server);
                }
            } catch (RuntimeException | LinkageError e) {
                failed(addon, hook.hookName, e);
            }
        }
    }

    /** Runs a lifecycle step on every addon with the same isolation. */
    public void lifecycle(String name, java.util.function.Consumer<Addon> step) {
        for (Addon addon : addons) {
            try {
                step.accept(addon);
            } catch (RuntimeException | LinkageError e) {
                failed(addon, name, e);
            }
        }
    }

    private static void failed(Addon addon, String event, Throwable e) {
        String name;
        try {
            name = addon.name();
        } catch (RuntimeException nameFailed) {
            name = addon.getClass().getName();
        }
        AddonFailures.report(LOG, name, event, "the flow goes on", e);
    }

    /** The server connection events. */
    public enum ServerHook {
        CONNECT("server_connect"),
        CONNECTED("server_connected"),
        CONNECT_ERROR("server_connect_error"),
        DISCONNECTED("server_disconnected");

        final String hookName;

        ServerHook(String hookName) {
            this.hookName = hookName;
        }
    }
}
