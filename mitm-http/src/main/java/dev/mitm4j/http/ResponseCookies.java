package dev.mitm4j.http;

import dev.mitm4j.http.internal.Cookies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The cookies a {@link Response} sets, as a live, ordered, multi-valued view from cookie name to
 * {@link ResponseCookie}. Every read parses the {@code Set-Cookie} headers afresh; every mutation
 * rewrites them all, one header per cookie, in order. Names compare exactly.
 *
 * <p>Not thread-safe, like the response it views.
 */
public final class ResponseCookies {
    private final Message message;

    ResponseCookies(Message message) {
        this.message = message;
    }

    /** {@return the first cookie named {@code name}, or null} */
    public @Nullable ResponseCookie get(String name) {
        for (Map.Entry<String, ResponseCookie> e : items(true)) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@return every cookie named {@code name}, in order} */
    public List<ResponseCookie> getAll(String name) {
        List<ResponseCookie> out = new ArrayList<>();
        for (Map.Entry<String, ResponseCookie> e : items(true)) {
            if (e.getKey().equals(name)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Replaces every cookie named {@code name} by {@code cookie} (at the first's position). */
    public void set(String name, ResponseCookie cookie) {
        setAll(name, List.of(cookie));
    }

    /** Replaces the cookies named {@code name}, with {@link MultiDict#setAll}'s rules. */
    public void setAll(String name, List<ResponseCookie> cookies) {
        List<ResponseCookie> pending = new ArrayList<>(cookies);
        List<Map.Entry<String, ResponseCookie>> out = new ArrayList<>();
        for (Map.Entry<String, ResponseCookie> e : items(true)) {
            if (!e.getKey().equals(name)) {
                out.add(e);
            } else if (!pending.isEmpty()) {
                out.add(Map.entry(name, pending.remove(0)));
            }
        }
        pending.forEach(c -> out.add(Map.entry(name, c)));
        write(out);
    }

    /** Appends a cookie. */
    public void add(String name, ResponseCookie cookie) {
        List<Map.Entry<String, ResponseCookie>> out = new ArrayList<>(items(true));
        out.add(Map.entry(Objects.requireNonNull(name, "name"), cookie));
        write(out);
    }

    /**
     * Removes every cookie named {@code name}.
     *
     * @return whether one was removed
     */
    public boolean remove(String name) {
        List<Map.Entry<String, ResponseCookie>> out = new ArrayList<>(items(true));
        boolean removed = out.removeIf(e -> e.getKey().equals(name));
        if (removed) {
            write(out);
        }
        return removed;
    }

    /** {@return the distinct cookie names in order} */
    public List<String> names() {
        return items(false).stream().map(Map.Entry::getKey).toList();
    }

    /** {@return all cookies in order when {@code multi}, else the first of each name} */
    public List<Map.Entry<String, ResponseCookie>> items(boolean multi) {
        List<Map.Entry<String, ResponseCookie>> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> headers = message.headers().getAll("Set-Cookie");
        for (Cookies.SetCookie c : Cookies.parseSetCookieHeaders(headers)) {
            if (multi || !seen.contains(c.name())) {
                seen.add(c.name());
                out.add(Map.entry(c.name(), toCookie(c)));
            }
        }
        return out;
    }

    /** {@return the number of cookies, duplicates included} */
    public int size() {
        return items(true).size();
    }

    /** {@return whether no cookie is set} */
    public boolean isEmpty() {
        return size() == 0;
    }

    private static ResponseCookie toCookie(Cookies.SetCookie c) {
        MultiDict attrs = MultiDict.caseInsensitive();
        for (Cookies.Pair p : c.attributes()) {
            attrs.add(p.name(), p.value() == null ? "" : p.value());
        }
        return new ResponseCookie(c.value() == null ? "" : c.value(), attrs);
    }

    private void write(List<Map.Entry<String, ResponseCookie>> cookies) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, ResponseCookie> e : cookies) {
            List<Cookies.Pair> attrs = new ArrayList<>();
            for (Map.Entry<String, String> a : e.getValue().attributes().items(true)) {
                String value = a.getValue().isEmpty() ? null : a.getValue();
                attrs.add(new Cookies.Pair(a.getKey(), value));
            }
            values.add(Cookies.formatSetCookieHeader(
                    List.of(new Cookies.SetCookie(e.getKey(), e.getValue().value(), attrs))));
        }
        message.headers().setAll("Set-Cookie", values);
    }
}
