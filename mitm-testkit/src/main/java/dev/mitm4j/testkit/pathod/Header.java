package dev.mitm4j.testkit.pathod;

/**
 * {@code h NAME=VALUE}: a header line; both parts are values, so either may be generated.
 *
 * @param name the header name
 * @param value the header value
 */
public record Header(Value name, Value value) {
    @Override
    public String toString() {
        return "h" + name + "=" + value;
    }
}
