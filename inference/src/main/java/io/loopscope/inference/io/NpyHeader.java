package io.loopscope.inference.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a .npy array, read and checked in Java before any native code sees the data: the
 * magic, format version 1–3, a numeric dtype LoopScope reads, the memory order, and a non-negative
 * shape whose size matches the bytes that follow exactly. ND4J's own npy reader trusts all of these
 * (an object or unicode dtype crashed the JVM, a truncated file was filled with arbitrary memory).
 *
 * @param dtype        the element type
 * @param order        the byte order of multi-byte elements
 * @param fortranOrder column-major data (converted to row-major on reading)
 * @param shape        the dimensions (empty for a scalar)
 * @param dataOffset   where the data starts
 */
record NpyHeader(NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape, int dataOffset) {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Elements the shape holds. */
    long count() {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    long dataBytes() {
        return Math.multiplyExact(count(), dtype.size());
    }

    static NpyHeader parse(String name, byte[] bytes) throws java.io.IOException {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[2] != 'U' || bytes[3] != 'M'
                || bytes[4] != 'P' || bytes[5] != 'Y') {
            throw new java.io.IOException(name + " is not a .npy array (missing the \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        int headerLength, start;
        switch (major) {
            case 1 -> {
                headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
                start = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) throw new java.io.IOException(name + " is truncated inside its .npy header");
                long len = (bytes[8] & 0xffL) | (bytes[9] & 0xffL) << 8 | (bytes[10] & 0xffL) << 16 | (bytes[11] & 0xffL) << 24;
                if (len > Integer.MAX_VALUE) throw new java.io.IOException(name + " declares a .npy header of " + len + " bytes");
                headerLength = (int) len;
                start = 12;
            }
            default -> throw new java.io.IOException(name + " is .npy format version " + major + "." + (bytes[7] & 0xff)
                    + "; LoopScope reads versions 1.0, 2.0 and 3.0");
        }
        if ((long) start + headerLength > bytes.length) {
            throw new java.io.IOException(name + " is truncated inside its .npy header (" + bytes.length + " bytes, the header ends at "
                    + (start + headerLength) + ")");
        }
        String header = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (Pattern.compile("'descr'\\s*:\\s*\\[").matcher(header).find()) {
            throw new java.io.IOException(name + " holds a structured array (dtype with named fields), which LoopScope cannot read"
                    + " (structured or unknown dtype)");
        }
        Matcher descr = DESCR.matcher(header), fortran = FORTRAN.matcher(header), shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new java.io.IOException(name + " has a .npy header without 'descr', 'fortran_order' and 'shape': " + header.strip());
        }
        String d = descr.group(1);
        ByteOrder order = d.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        NpyDtype dtype = NpyDtype.of(name, d);
        NpyHeader h = new NpyHeader(dtype, order, fortran.group(1).equals("True"), dims(name, shape.group(1)), start + headerLength);
        long expected;
        try {
            expected = h.dataBytes();
        } catch (ArithmeticException e) {
            throw new java.io.IOException(name + " declares shape " + java.util.Arrays.toString(h.shape) + ", too large to exist");
        }
        long actual = bytes.length - (long) h.dataOffset;
        if (actual != expected) {
            throw new java.io.IOException(name + (actual < expected ? " is truncated" : " has trailing bytes") + ": shape "
                    + java.util.Arrays.toString(h.shape) + " of " + d + " needs " + expected + " bytes of data, the file holds " + actual);
        }
        return h;
    }

    private static long[] dims(String name, String tuple) throws java.io.IOException {
        String[] parts = tuple.split(",");
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (String p : parts) {
            String s = p.strip().replace("L", "");
            if (s.isEmpty()) continue;
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new java.io.IOException(name + " has a .npy shape that is not a tuple of whole numbers: (" + tuple + ")");
            }
            if (v < 0) throw new java.io.IOException(name + " has a negative dimension in its .npy shape (" + tuple.strip() + ")");
            out.add(v);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
