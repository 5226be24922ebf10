package dev.mitm4j.http;

import java.util.Objects;

/**
 * One cookie of a {@code Set-Cookie} header, as a value of {@link Response#cookies()}: its value
 * and its attributes ({@code Path}, {@code Expires}, {@code HttpOnly}, ...) in order, with keys
 * compared ignoring case. A flag attribute such as {@code HttpOnly} has the value "", and an
 * attribute with an empty value is written back as a bare flag.
 *
 * <p>The attributes dictionary belongs to this value, not to the response: after changing it,
 * store the cookie again ({@code response.cookies().set(name, cookie)}) for the change to reach
 * the headers.
 *
 * @param value the cookie value ("" when the header had none)
 * @param attributes the attributes in order, case-insensitive keys
 */
public record ResponseCookie(String value, MultiDict attributes) {
    /** Checks for nulls. */
    public ResponseCookie {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** {@return a cookie with {@code value} and no attributes} */
    public static ResponseCookie of(String value) {
        return new ResponseCookie(value, MultiDict.caseInsensitive());
    }

    /** {@return a cookie with {@code value} and attributes given as name/value pairs} */
    public static ResponseCookie of(String value, String... attributeNamesAndValues) {
        MultiDict attrs = MultiDict.caseInsensitive();
        if (attributeNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes must be name/value pairs");
        }
        for (int i = 0; i < attributeNamesAndValues.length; i += 2) {
            attrs.add(attributeNamesAndValues[i], attributeNamesAndValues[i + 1]);
        }
        return new ResponseCookie(value, attrs);
    }
}
