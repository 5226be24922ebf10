/**
 * The built-in traffic addons of mitmproxy's option vocabulary (anticache, anticomp, block_list,
 * map_local, map_remote, modify_body, modify_headers, stickycookie, stickyauth, intercept,
 * upstream_auth in reverse mode, update_alt_svc), the spec syntax they share, and
 * {@link dev.mitm4j.core.internal.addons.DefaultAddons}, the one place that lists them in
 * mitmproxy's order. Not API: configure them through {@link dev.mitm4j.core.Options}.
 */
@NullMarked
package dev.mitm4j.core.internal.addons;

import org.jspecify.annotations.NullMarked;
