/**
 * mitmproxy filter expressions compiled to reusable predicates over flows: see
 * {@link dev.mitm4j.filter.FlowFilter}.
 */
module dev.mitm4j.filter {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires transitive dev.mitm4j.http;

    exports dev.mitm4j.filter;
}
