package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpParseException;
import java.io.IOException;

/**
 * How a failed {@link HttpStream} ends: the error its flow gets, and the proxy's own answer to
 * the client when there is one. The one mapping from a failure to both, so that a live flow and
 * a replayed one that fail alike end alike.
 *
 * @param status the status of the proxy's answer, or 0 for none (nobody to answer, or a
 *     response already under way)
 * @param reason the reason phrase of the answer
 * @param message the flow's error message, also the text of the answer
 */
record Failure(int status, String reason, String message) {

    /**
     * {@return how a stream fails with {@code e} thrown in {@code phase}}
     *
     * @param killed whether the flow was killed (its error says so; a kill closes the sockets,
     *     so the exception is then a mere consequence)
     * @param responseStarted whether the client got any byte of a response
     */
    static Failure of(Throwable e, HttpStream.Phase phase, boolean killed,
            boolean responseStarted) {
        if (killed || e instanceof FlowKilledException) {
            return none(FlowError.KILLED_MESSAGE);
        }
        if (responseStarted) {
            return none(e instanceof BodyTooLargeException || e instanceof UnwritableHeadException
                    ? e.getMessage() : "streaming the response failed: " + e);
        }
        return answered(e, phase);
    }

    private static Failure answered(Throwable e, HttpStream.Phase phase) {
        boolean serverSide = phase.compareTo(HttpStream.Phase.UPSTREAM) >= 0;
        return switch (e) {
            case ResponseTimeoutException t -> new Failure(504, "Gateway Timeout", t.getMessage());
            case ClientGoneException gone -> none(gone.getMessage());
            case BodyTooLargeException large -> large.request()
                    ? new Failure(413, "Payload Too Large", large.getMessage())
                    : badGateway(large.getMessage());
            case MalformedRequestBodyException malformed -> malformedRequestBody(
                    malformed.parseError());
            case HttpParseException parse when !serverSide -> malformedRequestBody(parse);
            case UnwritableHeadException unwritable -> unwritable.replaceable()
                    ? badGateway(unwritable.getMessage()) : none(unwritable.getMessage());
            case UpstreamConnectException connect -> badGateway(connect.getMessage());
            case HttpParseException parse -> badGateway(
                    "invalid response from server: " + parse.getMessage());
            case IOException io when serverSide -> badGateway("server connection failed: " + io);
            default -> none("connection failed: " + e);
        };
    }

    private static Failure malformedRequestBody(HttpParseException e) {
        return new Failure(400, "Bad Request", "malformed request body: " + e.getMessage());
    }

    private static Failure badGateway(String message) {
        return new Failure(502, "Bad Gateway", message);
    }

    private static Failure none(String message) {
        return new Failure(0, "", message);
    }

    /** {@return whether the client gets the proxy's answer} */
    boolean answers() {
        return status != 0;
    }
}
