package dev.mitm4j.testkit.pathod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PathocTest {
    private final Pathod pathod = Pathod.start();

    @AfterEach
    void close() {
        pathod.close();
    }

    @Test
    void embeddedResponseSpecsDriveTheServerFromTheClient() throws Exception {
        try (Pathoc pathoc = Pathoc.connect(pathod.address())) {
            PathocResponse r = pathoc.request("get:/p/:s'401:b\"denied\"':uchrome");

            assertEquals(401, r.code());
            assertEquals("Unauthorized", r.reason());
            assertEquals("denied", r.bodyText());
        }
        assertEquals("/p/401:b%22denied%22", pathod.lastLog().path());
        assertTrue(pathod.lastLog().headers().get("User-Agent").contains("Chrome"));
    }

    @Test
    void requestsOnOneConnectionAndRepeats() throws Exception {
        try (Pathoc pathoc = Pathoc.connect(pathod.address())) {
            List<PathocResponse> r = pathoc.requests("put:'/p/200:b@5,digits':b@10:x3");
            r.addAll(pathoc.requests("get:/p/204"));

            assertEquals(4, r.size());
            assertTrue(r.get(2).bodyText().matches("\\d{5}"));
            assertEquals(204, r.get(3).code());
        }
        assertEquals(10, pathod.log().get(0).body().length);
        assertEquals("PUT", pathod.log().get(2).method());
    }

    @Test
    void aDisconnectActionEndsTheRequestWithoutAResponse() throws Exception {
        try (Pathoc pathoc = Pathoc.connect(pathod.address())) {
            assertNull(pathoc.request("get:/p/200:d5"));
        }
    }

    @Test
    void badRequestSpecsPointAtTheProblem() {
        PathodSpecException e = assertThrows(PathodSpecException.class,
                () -> RequestSpec.parse("get:/p/:s'999:zz'"));
        assertTrue(e.getMessage().startsWith("embedded response spec: unknown feature 'z'"),
                e.getMessage());
        assertThrows(PathodSpecException.class, () -> RequestSpec.parse("get:/:unetscape"));
        assertThrows(PathodSpecException.class, () -> RequestSpec.parse("ws:/"));
    }
}
