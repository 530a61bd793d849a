package io.loopscope.inference.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's .npz: a zip of .npy arrays, here with optional JSON entries beside them (numpy ignores
 * entries that are not .npy when asked for arrays, and {@code zipfile} reads them).
 *
 * <p>Each array is encoded by ND4J's own npy writer; the zip container is java.util.zip; writes are
 * atomic through {@link AtomicFile}.
 */
public final class Npz {
    private Npz() {
    }

    /** What an NPZ file holds: arrays by name (without ".npy") and text entries by file name. */
    public record Contents(Map<String, INDArray> arrays, Map<String, String> texts) {
        public Contents {
            arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
            texts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }
    }

    /** Writes arrays and text entries to {@code target} atomically. */
    public static void write(Path target, Map<String, INDArray> arrays, Map<String, String> texts) throws IOException {
        AtomicFile.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(Nd4j.toNpyByteArray(e.getValue()));
                    zip.closeEntry();
                }
                for (Map.Entry<String, String> e : texts.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        });
    }

    /** Reads every .npy array and every other entry (as UTF-8 text) of an NPZ file. */
    public static Contents read(Path source) throws IOException {
        if (!Files.isRegularFile(source)) throw new IOException(source + ": no such file");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(source.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) continue;
                String name = entry.getName();
                Runtime rt = Runtime.getRuntime();
                long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
                if (entry.getSize() > free / 2) {
                    throw new IOException(String.format("%s: entry %s needs %.2f GB but only %.2f GB of memory are free", source, name,
                            entry.getSize() / 1e9, free / 1e9));
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new IOException(source + " is corrupt: entry " + name + " cannot be read (" + e.getMessage() + ")", e);
                }
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new IOException(source + " is corrupt: entry " + name + " does not match its checksum (CRC)");
                }
                if (name.endsWith(".npy")) {
                    arrays.put(name.substring(0, name.length() - 4), Npy.parse(source.getFileName() + ":" + name, bytes));
                } else {
                    texts.put(name, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (ZipException e) {
            throw new IOException(source + " is not an NPZ file (not a valid zip archive: " + e.getMessage() + ")", e);
        }
        return new Contents(arrays, texts);
    }
}
