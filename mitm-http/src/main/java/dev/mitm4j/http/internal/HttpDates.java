package dev.mitm4j.http.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lenient date parsing in the manner of Python's {@code email.utils.parsedate_tz} (RFC 5322
 * dates, RFC 850 "06-Nov-94" dates, asctime dates, numeric or named zones; a missing zone means
 * UTC) and formatting as {@code formatdate(usegmt=True)}: "Sun, 06 Nov 1994 08:49:37 GMT".
 */
public final class HttpDates {
    private static final DateTimeFormatter GMT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun",
            "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS =
            List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
            Map.entry("AST", -400), Map.entry("ADT", -300), Map.entry("EST", -500),
            Map.entry("EDT", -400), Map.entry("CST", -600), Map.entry("CDT", -500),
            Map.entry("MST", -700), Map.entry("MDT", -600), Map.entry("PST", -800),
            Map.entry("PDT", -700));

    private HttpDates() {}

    /** {@return {@code instant} as an IMF-fixdate in GMT, fractions of a second dropped} */
    public static String format(Instant instant) {
        return GMT.format(instant);
    }

    /** {@return the instant {@code value} denotes, or null when it is not a date} */
    public static @Nullable Instant parse(String value) {
        List<String> t = new ArrayList<>(Arrays.asList(value.trim().split("\\s+")));
        if (t.isEmpty() || t.get(0).isEmpty()) {
            return null;
        }
        String first = t.get(0).toLowerCase(Locale.ROOT);
        if (first.endsWith(",") || (first.length() >= 3 && DAYS.contains(first.substring(0, 3))
                && !Character.isDigit(first.charAt(0)))) {
            t.remove(0);
        }
        if (!t.isEmpty() && t.get(0).split("-").length == 3) {
            List<String> dmy = Arrays.asList(t.remove(0).split("-"));
            t.addAll(0, dmy);
        }
        try {
            return fromTokens(t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads [day, month, year, time, zone?] or asctime's [month, day, time, year, ...]. */
    private static @Nullable Instant fromTokens(List<String> t) {
        if (t.size() < 4) {
            return null;
        }
        if (monthIndex(t.get(1)) < 0 && monthIndex(t.get(0)) >= 0) {
            t = new ArrayList<>(List.of(t.get(1), t.get(0), t.get(3), t.get(2)));
        }
        int month = monthIndex(t.get(1));
        if (month < 0) {
            return null;
        }
        int day = Integer.parseInt(t.get(0).replace(",", ""));
        int year = parseYear(t.get(2));
        String[] hms = t.get(3).split(":");
        int h = Integer.parseInt(hms[0]);
        int m = hms.length > 1 ? Integer.parseInt(hms[1]) : 0;
        int s = hms.length > 2 ? Integer.parseInt(hms[2]) : 0;
        int offsetSeconds = t.size() > 4 ? zoneOffsetSeconds(t.get(4)) : 0;
        try {
            LocalDateTime local = LocalDateTime.of(year, month + 1, day, h, m, s);
            return local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int monthIndex(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.length() >= 3 ? MONTHS.indexOf(lower.substring(0, 3)) : -1;
    }

    private static int parseYear(String token) {
        int year = Integer.parseInt(token);
        if (token.length() <= 2) {
            year += year > 68 ? 1900 : 2000;
        }
        return year;
    }

    private static int zoneOffsetSeconds(String zone) {
        String z = zone.toUpperCase(Locale.ROOT);
        Integer named = ZONES.get(z);
        int hhmm;
        if (named != null) {
            hhmm = named;
        } else if (z.matches("[+-]\\d{4}")) {
            hhmm = Integer.parseInt(z.substring(1)) * (z.charAt(0) == '-' ? -1 : 1);
        } else {
            return 0;
        }
        int sign = hhmm < 0 ? -1 : 1;
        int abs = Math.abs(hhmm);
        return sign * ((abs / 100) * 3600 + (abs % 100) * 60);
    }
}
