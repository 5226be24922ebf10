package dev.mitm4j.replay.internal;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code datetime.strftime} for file names, as mitmproxy expands
 * {@code save_stream_file}: the C89 directives ({@code %a %A %b %B %c %d %H %I %j %m %M %p %S %U
 * %w %W %x %X %y %Y %Z %%}) plus {@code %e %f %F %G %h %s %T %u %V %z} in the C locale. An unknown
 * directive is copied as it stands, as glibc does. Stateless.
 */
public final class Strftime {
    private Strftime() {}

    /** {@return {@code pattern} with every directive replaced by its value at {@code t}} */
    public static String format(String pattern, ZonedDateTime t) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char d = pattern.charAt(++i);
            String value = directive(d, t);
            out.append(value != null ? value : "%" + d);
        }
        return out.toString();
    }

    private static @Nullable String directive(char d, ZonedDateTime t) {
        return switch (d) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
            case 'd' -> two(t.getDayOfMonth());
            case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
            case 'f' -> String.format(Locale.ROOT, "%06d", t.getNano() / 1000);
            case 'F' -> format("%Y-%m-%d", t);
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(t.getHour());
            case 'I' -> two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 's' -> Long.toString(t.toEpochSecond());
            case 'S' -> two(t.getSecond());
            case 'T', 'X' -> format("%H:%M:%S", t);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> two(week(t, 7));
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'W' -> two(week(t, 1));
            case 'x' -> format("%m/%d/%y", t);
            case 'y' -> two(t.getYear() % 100);
            case 'Y' -> Integer.toString(t.getYear());
            case 'z' -> offset(t.get(ChronoField.OFFSET_SECONDS));
            case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, Locale.US);
            case '%' -> "%";
            default -> null;
        };
    }

    /** Week of the year whose weeks start on {@code firstDay} (7 Sunday, 1 Monday), as C. */
    private static int week(ZonedDateTime t, int firstDay) {
        int weekday = t.getDayOfWeek().getValue() % 7;              // Sunday 0
        int shift = firstDay == 7 ? weekday : (weekday + 6) % 7;    // days since week start
        return (t.getDayOfYear() - 1 - shift + 7) / 7;
    }

    private static String offset(int seconds) {
        int abs = Math.abs(seconds);
        return (seconds < 0 ? "-" : "+") + two(abs / 3600) + two(abs / 60 % 60);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
