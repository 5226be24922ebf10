/**
 * Crafted traffic in pathod's language: {@link dev.mitm4j.testkit.pathod.ResponseSpec} and
 * {@link dev.mitm4j.testkit.pathod.RequestSpec} parse specs such as
 * {@code 200:b@100:h"X"="y":c"text/json":da}, {@link dev.mitm4j.testkit.pathod.Pathod} serves
 * them on loopback and logs what it was asked, and {@link dev.mitm4j.testkit.pathod.Pathoc} sends
 * crafted requests.
 */
@NullMarked
package dev.mitm4j.testkit.pathod;

import org.jspecify.annotations.NullMarked;
