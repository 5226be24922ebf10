package dev.mitm4j.replay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.replay.FlowFileException;
import dev.mitm4j.replay.TruncatedFlowFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class TNetStringTest {
    @Test
    void parsesEveryTypeTag() throws FlowFileException {
        assertEquals(12345L, TNetParser.parse("5:12345#"));
        assertNull(TNetParser.parse("0:~"));
        assertEquals(true, TNetParser.parse("4:true!"));
        assertEquals(false, TNetParser.parse("5:false!"));
        assertEquals(1.5, TNetParser.parse("3:1.5^"));
        assertEquals("héllo", TNetParser.parse("6:héllo;"));
        assertArrayEquals("xxxxx".getBytes(StandardCharsets.US_ASCII),
                (byte[]) TNetParser.parse("5:xxxxx,"));
        List<?> list = (List<?>) TNetParser.parse("24:5:12345#5:67890#5:xxxxx,]");
        assertEquals(3, list.size());
        assertEquals(67890L, list.get(1));
        Map<?, ?> dict = (Map<?, ?>) TNetParser.parse("15:1:a;1:1#1:b;0:~}");
        assertEquals(1L, dict.get("a"));
        assertTrue(dict.containsKey("b"));
    }

    @Test
    void dumpsWhatItParses() throws FlowFileException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 42L);
        m.put("float", 1726927927.6633708);
        m.put("bytes", new byte[] {0, (byte) 0xff, ':'});
        m.put("str", "ü");
        m.put("null", null);
        m.put("list", new ArrayList<>(List.of(true, false, "x")));
        byte[] encoded = TNetWriter.dump(m);
        Map<?, ?> back = (Map<?, ?>) TNetParser.parse(encoded, 0, TNetLimits.DEFAULT);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
        assertEquals(42L, back.get("int"));
        assertEquals(1726927927.6633708, back.get("float"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, ':'}, (byte[]) back.get("bytes"));
        assertEquals("ü", back.get("str"));
        assertEquals(List.of(true, false, "x"), back.get("list"));
        assertEquals("5:12345#", ascii(TNetWriter.dump(12345L)));
        assertEquals("24:5:12345#5:67890#5:xxxxx,]", ascii(TNetWriter.dump(
                List.of(12345L, 67890L, "xxxxx".getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void writesFloatsPythonCanRead() {
        assertEquals("1726927927.6633708", TNetWriter.pythonFloat(1726927927.6633708));
        assertEquals("3.0", TNetWriter.pythonFloat(3));
        assertEquals("inf", TNetWriter.pythonFloat(Double.POSITIVE_INFINITY));
    }

    @Test
    void errorsNameTheByteOffset() {
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> TNetParser.parse("12:5:12345#1:x?]"));
        assertEquals(14, e.offset());
        assertTrue(e.getMessage().contains("unknown type tag 0x3f at byte offset 14"),
                e.getMessage());
        e = assertThrows(FlowFileException.class, () -> TNetParser.parse("4:abc#"));
        assertEquals(0, e.offset());
        e = assertThrows(FlowFileException.class, () -> TNetParser.parse("11:2:ab,7:xyz,]"));
        assertTrue(e.getMessage().contains("overruns"), e.getMessage());
        assertThrows(FlowFileException.class, () -> TNetParser.parse("5:12a45#"));
        assertThrows(FlowFileException.class, () -> TNetParser.parse("2:ab~"));
        assertThrows(FlowFileException.class, () -> TNetParser.parse("4:yes!!"));
    }

    @Test
    void limitsNesting() {
        String deep = "0:]";
        for (int i = 0; i < 5; i++) {
            deep = deep.length() + ":" + deep + "]";
        }
        byte[] data = deep.getBytes(StandardCharsets.US_ASCII);
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> TNetParser.parse(data, 100, new TNetLimits(1000, 3)));
        assertTrue(e.getMessage().contains("nesting deeper than 3"), e.getMessage());
        assertTrue(e.offset() >= 100);
    }

    @Test
    void streamReaderReadsRecordsWithOffsets() throws IOException {
        Buffer b = new Buffer().writeUtf8("5:12345#0:~4:true!");
        TNetReader r = new TNetReader(b, TNetLimits.DEFAULT, 0);
        assertEquals(new TNetReader.Record(0, 12345L), r.next());
        assertEquals(new TNetReader.Record(8, null), r.next());
        assertEquals(new TNetReader.Record(11, true), r.next());
        assertNull(r.next());
        assertEquals(18, r.position());
    }

    @Test
    void streamReaderReportsTruncationAndLimits() throws IOException {
        TNetReader r = new TNetReader(new Buffer().writeUtf8("5:12345#10:abc"),
                TNetLimits.DEFAULT, 0);
        r.next();
        TruncatedFlowFileException t = assertThrows(TruncatedFlowFileException.class, r::next);
        assertEquals(8, t.offset());
        TNetReader big = new TNetReader(new Buffer().writeUtf8("2000:"), new TNetLimits(100, 8),
                0);
        FlowFileException e = assertThrows(FlowFileException.class, big::next);
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        TNetReader junk = new TNetReader(new Buffer().writeUtf8("5:12345#x"),
                TNetLimits.DEFAULT, 0);
        junk.next();
        assertEquals(8, assertThrows(FlowFileException.class, junk::next).offset());
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
