package dev.mitm4j.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The members one class file refers to (fields read or written, methods called), read from its
 * constant pool, and per method from its bytecode. Enough of the class-file format (JVMS 4) to
 * answer "who uses this field or method", with no bytecode library.
 *
 * @param all every field and method the class refers to, as {@code owner.name} with the owner in
 *     internal form ({@code dev/mitm4j/core/Options.listenPort})
 * @param byMethod per method of the class (by name, overloads merged), the members its code uses
 */
record ClassReferences(String name, Set<String> all, Map<String, Set<String>> byMethod) {
    private static final int CODE_OPCODE_FIRST_MEMBER = 0xb2; // getstatic
    private static final int CODE_OPCODE_LAST_MEMBER = 0xb9;  // invokeinterface

    static ClassReferences read(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile)) {
            return read(new DataInputStream(in));
        }
    }

    private static ClassReferences read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        String[] members = new String[count];
        Set<String> all = new HashSet<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                String member = utf8[first[second[i]]];
                members[i] = owner + "." + member;
                all.add(members[i]);
            }
        }
        in.readUnsignedShort();
        String name = utf8[first[in.readUnsignedShort()]];
        in.readUnsignedShort();
        in.skipNBytes(2L * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        Map<String, Set<String>> byMethod = new HashMap<>();
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            in.readUnsignedShort();
            String method = utf8[in.readUnsignedShort()];
            in.readUnsignedShort();
            Set<String> used = byMethod.computeIfAbsent(method, k -> new HashSet<>());
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                byte[] body = in.readNBytes(in.readInt());
                if (attribute.equals("Code")) {
                    scanCode(body, members, used);
                }
            }
        }
        return new ClassReferences(name, all, byMethod);
    }

    /** Adds the members the instructions of a Code attribute refer to. */
    private static void scanCode(byte[] attribute, String[] members, Set<String> used) {
        int length = readInt(attribute, 4);
        int start = 8;
        int pc = 0;
        while (pc < length) {
            int op = attribute[start + pc] & 0xff;
            if (op >= CODE_OPCODE_FIRST_MEMBER && op <= CODE_OPCODE_LAST_MEMBER) {
                String member = members[readShort(attribute, start + pc + 1)];
                if (member != null) {
                    used.add(member);
                }
            }
            pc += instructionLength(attribute, start, pc, op);
        }
    }

    /** {@return the length of the instruction at {@code pc}} (JVMS 6.5) */
    private static int instructionLength(byte[] code, int start, int pc, int op) {
        if (op == 0xaa) { // tableswitch
            int p = (pc + 4) & ~3;
            int low = readInt(code, start + p + 4);
            int high = readInt(code, start + p + 8);
            return p - pc + 12 + 4 * (high - low + 1);
        }
        if (op == 0xab) { // lookupswitch
            int p = (pc + 4) & ~3;
            return p - pc + 8 + 8 * readInt(code, start + p + 4);
        }
        if (op == 0xc4) { // wide
            return (code[start + pc + 1] & 0xff) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19)
                || (op >= 0x36 && op <= 0x3a) || op == 0xa9 || op == 0xbc) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xa8)
                || (op >= 0xb2 && op <= 0xb8) || op == 0xbb || op == 0xbd || op == 0xc0
                || op == 0xc1 || op == 0xc6 || op == 0xc7) {
            return 3;
        }
        if (op == 0xc5) {
            return 4;
        }
        if (op == 0xb9 || op == 0xba || op == 0xc8 || op == 0xc9) {
            return 5;
        }
        return 1;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xffffffffL);
        }
    }

    private static int readShort(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int readInt(byte[] b, int at) {
        return (readShort(b, at) << 16) | readShort(b, at + 2);
    }
}
