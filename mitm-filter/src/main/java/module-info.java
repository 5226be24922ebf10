/**
 * mitmproxy filter expressions compiled to reusable predicates over flows.
 */
module dev.mitm4j.filter {
    requires static org.jspecify;
    requires transitive dev.mitm4j.http;

    // exports dev.mitm4j.filter; (added with its first public type)
}
