package io.loopscope.inference.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** .npy files as numpy writes them, and every malformed one an outside run fed LoopScope: a clear error, never a crash or garbage. */
class NpyStrictTest {

    /** A .npy of the given version, header dict and raw data, padded as numpy pads it. */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) header.append(' ');
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) out.writeBytes(new byte[] {(byte) h.length, (byte) (h.length >> 8)});
        else out.writeBytes(new byte[] {(byte) h.length, (byte) (h.length >> 8), (byte) (h.length >> 16), (byte) (h.length >> 24)});
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    private static String error(byte[] bytes) {
        return assertThrows(IOException.class, () -> Npy.parse("x.npy", bytes)).getMessage();
    }

    @Test
    void readsLittleAndBigEndianFloatsOfEveryVersion() throws Exception {
        for (int v = 1; v <= 3; v++) {
            INDArray a = Npy.parse("a.npy", npy(v, dict("<f4", false, "(2, 3)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6)));
            assertArrayEquals(new long[] {2, 3}, a.shape());
            assertEquals(6f, a.getFloat(1, 2));
        }
        INDArray big = Npy.parse("b.npy", npy(1, dict(">f4", false, "(3,)"), floats(ByteOrder.BIG_ENDIAN, 1.5f, -2, 3)));
        assertArrayEquals(new float[] {1.5f, -2, 3}, big.data().asFloat());
    }

    @Test
    void fortranOrderIsHonoured() throws Exception {
        // column-major [[1, 2, 3], [4, 5, 6]] is stored 1 4 2 5 3 6
        INDArray a = Npy.parse("f.npy", npy(1, dict("<f4", true, "(2, 3)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.dup('c').data().asFloat());
        assertEquals(2f, a.getFloat(0, 1));
    }

    @Test
    void readsIntegersDoublesHalvesAndBooleans() throws Exception {
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3);
        assertArrayEquals(new long[] {7, -3}, Npy.parse("i.npy", npy(1, dict("<i8", false, "(2,)"), i8.array())).data().asLong());
        ByteBuffer f8 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(0.25);
        assertEquals(0.25, Npy.parse("d.npy", npy(1, dict(">f8", false, "(1,)"), f8.array())).getDouble(0));
        ByteBuffer f2 = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(Float.floatToFloat16(1.5f));
        assertEquals(1.5f, Npy.parse("h.npy", npy(1, dict("<f2", false, "(1,)"), f2.array())).getFloat(0));
        assertArrayEquals(new long[] {1, 0, 1}, Npy.parse("b.npy", npy(1, dict("|b1", false, "(3,)"), new byte[] {1, 0, 1})).data().asLong());
    }

    @Test
    void objectUnicodeAndComplexArraysAreNamedNotCrashed() {
        assertTrue(error(npy(1, dict("|O", false, "(2,)"), new byte[16])).contains("Python objects (dtype '|O')"));
        assertTrue(error(npy(1, dict("<U8", false, "(2,)"), new byte[64])).contains("unicode strings (dtype '<U8')"));
        assertTrue(error(npy(1, dict("<c8", false, "(2,)"), new byte[16])).contains("complex numbers"));
        assertTrue(error(npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8]))
                .contains("structured or unknown"));
    }

    @Test
    void truncatedHeaderOnlyAndTrailingDataAreRefusedNotFilledWithGarbage() {
        String truncated = error(npy(1, dict("<f4", false, "(4, 4)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3)));
        assertTrue(truncated.contains("is truncated: shape [4, 4] of <f4 needs 64 bytes of data, the file holds 12"), truncated);
        assertTrue(error(npy(1, dict("<f4", false, "(2,)"), new byte[0])).contains("is truncated"));
        assertTrue(error(npy(1, dict("<f4", false, "(1,)"), new byte[8])).contains("has trailing bytes"));
        byte[] cut = java.util.Arrays.copyOf(npy(1, dict("<f4", false, "(1,)"), new byte[4]), 30);
        assertTrue(error(cut).contains("truncated inside its .npy header"));
    }

    @Test
    void negativeHugeAndMalformedShapesAreRefused() {
        assertTrue(error(npy(1, dict("<f4", false, "(-1, 3)"), new byte[0])).contains("negative dimension"));
        String huge = error(npy(1, dict("<f4", false, "(100000000000, 100000000000)"), new byte[0]));
        assertTrue(huge.contains("too large to exist") || huge.contains("is truncated"), huge);
        assertTrue(error(npy(1, dict("<f4", false, "(a, 3)"), new byte[0])).contains("not a tuple of whole numbers"));
        assertTrue(error(npy(1, "{'descr': '<f4'}", new byte[0])).contains("without 'descr', 'fortran_order' and 'shape'"));
    }

    @Test
    void badMagicAndUnknownVersionsAreNamed() {
        assertTrue(error("not an array at all".getBytes(StandardCharsets.US_ASCII)).contains("missing the \\x93NUMPY magic"));
        byte[] v9 = npy(1, dict("<f4", false, "(1,)"), new byte[4]);
        v9[6] = 9;
        assertTrue(error(v9).contains("format version 9.0; LoopScope reads versions 1.0, 2.0 and 3.0"));
    }

    @Test
    void aFolderGivenAsAnArrayIsNamedAsOne(@TempDir Path dir) {
        assertTrue(assertThrows(IOException.class, () -> Npy.read(dir)).getMessage().contains("is a folder, not a .npy file"));
    }

    @Test
    void anNpzEntryWhoseChecksumDoesNotMatchIsRefused(@TempDir Path dir) throws Exception {
        byte[] data = npy(1, dict("<f4", false, "(2,)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2));
        CRC32 crc = new CRC32();
        crc.update(data);
        Path file = dir.resolve("t.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry e = new ZipEntry("states.npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(data);
            zip.closeEntry();
        }
        assertArrayEquals(new float[] {1, 2}, Npz.read(file).arrays().get("states").data().asFloat());
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, floats(ByteOrder.LITTLE_ENDIAN, 2));
        bytes[at] ^= 0x40;                                                   // flip a bit of the stored data
        Files.write(file, bytes);
        String m = assertThrows(IOException.class, () -> Npz.read(file)).getMessage();
        assertTrue(m.contains("is corrupt: entry states.npy does not match its checksum"), m);
    }

    @Test
    void whatNd4jWritesStillReadsBack(@TempDir Path dir) throws Exception {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 5);
        Path file = dir.resolve("a.npy");
        Files.write(file, Nd4j.toNpyByteArray(a));
        assertEquals(a, Npy.read(file));
        Path npz = dir.resolve("b.npz");
        Npz.write(npz, Map.of("x", Nd4j.createFromArray(new long[] {4, 5})), Map.of("meta.json", "{}"));
        assertArrayEquals(new long[] {4, 5}, Npz.read(npz).arrays().get("x").data().asLong());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
