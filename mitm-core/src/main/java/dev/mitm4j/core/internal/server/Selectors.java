package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerSelector;
import dev.mitm4j.core.spi.LayerSelector.Support;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Asks the registered {@link LayerSelector}s, in order, whether they speak what the client sent
 * first (see {@link LayerSelector} for the rules), peeking more bytes only while a selector that
 * could still win needs them. Stateless; one instance serves every connection of a server.
 */
final class Selectors {
    private final List<LayerSelector> selectors;

    /** @throws IllegalArgumentException naming a selector that wants fewer than 1 byte */
    Selectors(List<LayerSelector> selectors) {
        for (LayerSelector selector : selectors) {
            if (selector.bytesToIdentify() < 1) {
                throw new IllegalArgumentException("layer selector " + selector
                        + " must identify with at least 1 byte: " + selector.bytesToIdentify());
            }
        }
        this.selectors = List.copyOf(selectors);
    }

    /**
     * {@return the layer of the first selector that supports the client's first bytes in
     * {@code top}, or null when none does} The client has sent at least one byte.
     */
    @Nullable Layer select(Context top) throws IOException {
        if (selectors.isEmpty()) {
            return null;
        }
        BufferedSource source = top.clientSource();
        List<LayerSelector> candidates = new ArrayList<>(selectors);
        List<Support> answers = new ArrayList<>(selectors.size());
        while (true) {
            long size = source.getBuffer().size();
            ByteString firstBytes = source.getBuffer().snapshot();
            answers.clear();
            for (int i = 0; i < candidates.size(); i++) {
                Support answer = candidates.get(i).supports(top, firstBytes);
                if (answer == Support.UNSUPPORTED || (answer == Support.UNKNOWN
                        && size >= candidates.get(i).bytesToIdentify())) {
                    candidates.remove(i--);
                } else {
                    answers.add(answer);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
            if (answers.get(0) == Support.SUPPORTED) {
                return candidates.get(0).create(top);
            }
            if (!source.request(size + 1)) {
                // The client stopped sending: whoever still does not know counts as unsupported.
                int supported = answers.indexOf(Support.SUPPORTED);
                return supported < 0 ? null : candidates.get(supported).create(top);
            }
        }
    }
}
