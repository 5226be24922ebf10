package dev.mitm4j.filter.internal;

import java.util.List;

/**
 * Turns a parsed {@link Expr} into a tree of {@link FlowMatcher}s: one switch from operator to
 * matcher. Operators for flow types the model does not have yet (UDP, DNS, WebSocket) compile to
 * a matcher that is always false, which is what they return for every flow type we have.
 */
public final class Compiler {
    private Compiler() {
    }

    /**
     * Compiles a syntax tree; the regexes in it are already compiled.
     *
     * @param expr a tree from {@link Parser#parse(String)}
     * @return a thread-safe matcher
     */
    public static FlowMatcher compile(Expr expr) {
        return switch (expr) {
            case Expr.Op op -> operator(op);
            case Expr.Not not -> Logic.not(compile(not.operand()));
            case Expr.And and -> Logic.and(all(and.operands()));
            case Expr.Or or -> Logic.or(all(or.operands()));
        };
    }

    private static List<FlowMatcher> all(List<Expr> operands) {
        return operands.stream().map(Compiler::compile).toList();
    }

    private static FlowMatcher operator(Expr.Op op) {
        return switch (op.operator()) {
            case ALL -> Logic.ALWAYS;
            case ASSET -> HttpMatchers.asset();
            case CODE -> HttpMatchers.code(op.number());
            case HTTP -> HttpMatchers.http();
            case REQUEST -> HttpMatchers.requestOnly();
            case RESPONSE -> HttpMatchers.hasResponse();
            case TCP -> FlowMatchers.tcp();
            case WEBSOCKET -> HttpMatchers.websocket();
            case GRPC -> HttpMatchers.grpc();
            case DNS, UDP -> Logic.NEVER;
            case ERROR -> FlowMatchers.error();
            case MARKED -> FlowMatchers.marked();
            case REPLAY -> FlowMatchers.replayed();
            case REPLAY_REQUEST -> FlowMatchers.replayed("request");
            case REPLAY_RESPONSE -> FlowMatchers.replayed("response");
            default -> regexOperator(op.operator(), TextSearch.of(op));
        };
    }

    private static FlowMatcher regexOperator(Operator operator, TextSearch p) {
        return switch (operator) {
            case BODY -> BodyMatchers.body(p, true, true);
            case BODY_REQUEST -> BodyMatchers.body(p, true, false);
            case BODY_RESPONSE -> BodyMatchers.body(p, false, true);
            case HEADER -> HttpMatchers.header(p, true, true);
            case HEADER_REQUEST -> HttpMatchers.header(p, true, false);
            case HEADER_RESPONSE -> HttpMatchers.header(p, false, true);
            case CONTENT_TYPE -> HttpMatchers.contentType(p, true, true);
            case CONTENT_TYPE_REQUEST -> HttpMatchers.contentType(p, true, false);
            case CONTENT_TYPE_RESPONSE -> HttpMatchers.contentType(p, false, true);
            case DOMAIN -> HttpMatchers.domain(p);
            case METHOD -> HttpMatchers.method(p);
            case URL -> HttpMatchers.url(p);
            case SRC -> FlowMatchers.src(p);
            case DST -> FlowMatchers.dst(p);
            case MARKER -> FlowMatchers.marker(p);
            case COMMENT -> FlowMatchers.comment(p);
            case META -> FlowMatchers.meta(p);
            default -> throw new AssertionError("not a regex operator: " + operator);
        };
    }
}
