package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ~grpc}, a mitm4j extension: flows whose request or response content-type is
 * {@code application/grpc}, with or without a {@code +format} suffix or parameters; not
 * {@code application/grpc-web}, which is a different protocol over HTTP/1.1.
 */
class GrpcFilterTest {

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(delimiterString = "::", value = {
        "application/grpc               :: ''                        :: true",
        "application/grpc+proto         :: ''                        :: true",
        "Application/GRPC+json          :: ''                        :: true",
        "application/grpc; charset=utf8 :: ''                        :: true",
        "''                             :: application/grpc          :: true",
        "application/grpc-web           :: ''                        :: false",
        "application/json               :: text/html                 :: false",
        "''                             :: ''                        :: false",
    })
    void matchesRequestOrResponseContentType(String requestType, String responseType,
            boolean matches) {
        HttpFlow flow = TestFlows.http();
        flow.request().headers().remove("Content-Type");
        if (!requestType.isEmpty()) {
            flow.request().headers().set("Content-Type", requestType);
        }
        Headers response = responseType.isEmpty() ? new Headers()
                : Headers.of("content-type", responseType);
        flow.response(Response.make(200, new byte[0], response));
        assertEquals(matches, FlowFilter.parse("~grpc").test(flow));
        assertEquals(!matches, FlowFilter.parse("!~grpc").test(flow));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", value = {"~grpc & ~http :: true", "~grpc & ~tcp :: false"})
    void combinesWithOtherOperators(String expression, boolean matches) {
        HttpFlow flow = TestFlows.http();
        flow.request().headers().set("Content-Type", "application/grpc");
        assertEquals(matches, FlowFilter.parse(expression).test(flow));
    }
}
