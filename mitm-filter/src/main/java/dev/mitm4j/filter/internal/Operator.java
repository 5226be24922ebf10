package dev.mitm4j.filter.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every operator of the filter language: its code, what argument it takes, how its regex is
 * compiled, and its help line. This enum is the table of contents of the language; the matching
 * itself lives in {@link Compiler}.
 *
 * <p>Regex flavours follow mitmproxy: {@link Flavor#BYTES} operators match raw bytes (bodies,
 * headers, content types, the method), {@link Flavor#TEXT} operators match decoded text (URL,
 * host, addresses, metadata). Header operators add MULTILINE, body operators add DOTALL.
 */
public enum Operator {
    ALL("all", Arg.NONE, "Match all flows"),
    ASSET("a", Arg.NONE, "Match asset in response: CSS, JavaScript, images, fonts."),
    BODY("b", Flavor.BYTES_DOTALL, "Body"),
    BODY_REQUEST("bq", Flavor.BYTES_DOTALL, "Request body"),
    BODY_RESPONSE("bs", Flavor.BYTES_DOTALL, "Response body"),
    CODE("c", Arg.INT, "HTTP response code"),
    COMMENT("comment", Flavor.TEXT_MULTILINE, "Flow comment"),
    DOMAIN("d", Flavor.TEXT, "Domain"),
    DNS("dns", Arg.NONE, "Match DNS flows"),
    DST("dst", Flavor.TEXT, "Match destination address"),
    ERROR("e", Arg.NONE, "Match error"),
    GRPC("grpc", Arg.NONE, "Match gRPC flows (mitm4j; not in mitmproxy)"),
    HEADER("h", Flavor.BYTES_MULTILINE, "Header"),
    HEADER_REQUEST("hq", Flavor.BYTES_MULTILINE, "Request header"),
    HEADER_RESPONSE("hs", Flavor.BYTES_MULTILINE, "Response header"),
    HTTP("http", Arg.NONE, "Match HTTP flows"),
    METHOD("m", Flavor.BYTES, "Method"),
    MARKED("marked", Arg.NONE, "Match marked flows"),
    MARKER("marker", Flavor.TEXT, "Match marked flows with specified marker"),
    META("meta", Flavor.TEXT_MULTILINE, "Flow metadata"),
    REQUEST("q", Arg.NONE, "Match request with no response"),
    REPLAY("replay", Arg.NONE, "Match replayed flows"),
    REPLAY_REQUEST("replayq", Arg.NONE, "Match replayed client request"),
    REPLAY_RESPONSE("replays", Arg.NONE, "Match replayed server response"),
    RESPONSE("s", Arg.NONE, "Match response"),
    SRC("src", Flavor.TEXT, "Match source address"),
    CONTENT_TYPE("t", Flavor.BYTES, "Content-type header"),
    TCP("tcp", Arg.NONE, "Match TCP flows"),
    CONTENT_TYPE_REQUEST("tq", Flavor.BYTES, "Request Content-Type header"),
    CONTENT_TYPE_RESPONSE("ts", Flavor.BYTES, "Response Content-Type header"),
    URL("u", Flavor.TEXT, "URL"),
    UDP("udp", Arg.NONE, "Match UDP flows"),
    WEBSOCKET("websocket", Arg.NONE, "Match WebSocket flows");

    /** What follows an operator's code. */
    public enum Arg { NONE, REGEX, INT }

    /** How a regex argument is compiled; see the class comment. */
    public enum Flavor {
        BYTES(true, false, false),
        BYTES_MULTILINE(true, true, false),
        BYTES_DOTALL(true, false, true),
        TEXT(false, false, false),
        TEXT_MULTILINE(false, true, false);

        final boolean bytes;
        final boolean multiline;
        final boolean dotall;

        Flavor(boolean bytes, boolean multiline, boolean dotall) {
            this.bytes = bytes;
            this.multiline = multiline;
            this.dotall = dotall;
        }
    }

    private static final Map<String, Operator> BY_CODE = new HashMap<>();

    static {
        for (Operator op : values()) {
            BY_CODE.put(op.code, op);
        }
    }

    private final String code;
    private final Arg arg;
    private final @Nullable Flavor flavor;
    private final String help;

    Operator(String code, Arg arg, String help) {
        this.code = code;
        this.arg = arg;
        this.flavor = null;
        this.help = help;
    }

    Operator(String code, Flavor flavor, String help) {
        this.code = code;
        this.arg = Arg.REGEX;
        this.flavor = flavor;
        this.help = help;
    }

    /** {@return the operator spelled {@code ~code}, or null when there is none} */
    public static @Nullable Operator byCode(String code) {
        return BY_CODE.get(code);
    }

    /**
     * {@return " (did you mean ~x?)" when exactly one operator is one edit away from
     * {@code code}, else ""}
     */
    static String suggestionFor(String code) {
        @Nullable Operator only = null;
        for (Operator op : values()) {
            if (oneEditApart(code, op.code)) {
                if (only != null) {
                    return "";
                }
                only = op;
            }
        }
        return only == null ? "" : " (did you mean ~" + only.code + "?)";
    }

    /** One insertion, deletion or substitution turns {@code a} into {@code b}. */
    private static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1));
        }
        return a.length() > b.length()
                ? a.substring(i + 1).equals(b.substring(i))
                : a.substring(i).equals(b.substring(i + 1));
    }

    /** {@return the code without the tilde, e.g. {@code "bq"}} */
    public String code() {
        return code;
    }

    /** {@return what argument the operator takes} */
    public Arg arg() {
        return arg;
    }

    /** {@return how the regex argument is compiled; null for operators without one} */
    public @Nullable Flavor flavor() {
        return flavor;
    }

    /** {@return the syntax as shown in help, e.g. {@code "~bq regex"}} */
    public String syntax() {
        return switch (arg) {
            case NONE -> "~" + code;
            case REGEX -> "~" + code + " regex";
            case INT -> "~" + code + " int";
        };
    }

    /** {@return mitmproxy's one-line description} */
    public String help() {
        return help;
    }
}
