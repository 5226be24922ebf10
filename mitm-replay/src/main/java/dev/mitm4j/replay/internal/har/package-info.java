/** HAR 1.2 import and export, with mitmproxy's field mapping. Internal. */
@NullMarked
package dev.mitm4j.replay.internal.har;

import org.jspecify.annotations.NullMarked;
