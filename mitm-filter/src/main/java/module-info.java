/**
 * mitmproxy filter expressions compiled to reusable predicates over flows: see
 * {@link dev.mitm4j.filter.FlowFilter}.
 */
module dev.mitm4j.filter {
    requires static org.jspecify;
    requires transitive dev.mitm4j.http;

    exports dev.mitm4j.filter;
}
