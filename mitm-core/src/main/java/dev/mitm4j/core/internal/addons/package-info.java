/** The built-in addons that options switch on (mitmproxy's default addons). */
@NullMarked
package dev.mitm4j.core.internal.addons;

import org.jspecify.annotations.NullMarked;
