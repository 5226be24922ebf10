/**
 * The {@code proxyauth} option: {@code user:pass}, {@code any} and htpasswd files (bcrypt,
 * {@code {SHA}}, apr1 MD5), and the Basic credentials of the HTTP layer. Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.auth;

import org.jspecify.annotations.NullMarked;
