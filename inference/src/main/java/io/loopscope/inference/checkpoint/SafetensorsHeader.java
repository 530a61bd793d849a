package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: an 8-byte little-endian length, then that many bytes of JSON
 * mapping tensor names to {dtype, shape, data_offsets}, then the data section. Every check happens
 * here, before any tensor is read, and every problem names the file and the tensor.
 *
 * @param file      where the header was read from (for messages)
 * @param dataStart absolute file offset of the data section (8 + header length)
 * @param tensors   the tensors in header order
 * @param metadata  the optional "__metadata__" string map
 */
public record SafetensorsHeader(Path file, long dataStart, Map<String, SafetensorsEntry> tensors, Map<String, String> metadata) {
    /** Same limit as the reference implementation: a larger header is corruption, not a model. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public SafetensorsHeader {
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    /** Reads and validates the header of an open file. */
    public static SafetensorsHeader read(Path file, FileChannel channel) throws CheckpointException, IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new CheckpointException(file + " is not a safetensors file: it has " + fileSize + " bytes, fewer than the 8-byte header length");
        }
        long headerLength = readFully(channel, 0, 8).getLong();   // an unsigned u64 on disk: negative means > 2^63
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointException(file + ": header length " + Long.toUnsignedString(headerLength)
                    + " bytes exceeds the " + MAX_HEADER_BYTES / (1024 * 1024) + " MB limit — the file is corrupt or not a safetensors file");
        }
        if (headerLength < 2) {
            throw new CheckpointException(file + ": header length " + headerLength + " is too small to hold a JSON object");
        }
        if (headerLength > fileSize - 8) {
            throw new CheckpointException(file + ": header length " + headerLength + " bytes is larger than the file allows ("
                    + fileSize + " bytes in all) — the file is truncated or not a safetensors file");
        }
        byte[] json = new byte[(int) headerLength];
        readFully(channel, 8, (int) headerLength).get(json);
        return parse(file, json, 8 + headerLength, fileSize - 8 - headerLength);
    }

    private static SafetensorsHeader parse(Path file, byte[] json, long dataStart, long dataSize) throws CheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8).stripTrailing());
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": header is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        Map<String, SafetensorsEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata, problems);
            } else {
                SafetensorsEntry e = entry(file, field.getKey(), field.getValue(), problems);
                if (e != null) tensors.put(e.name(), e);
            }
        }
        checkRanges(file, tensors.values(), dataSize, problems);
        if (!problems.isEmpty()) throw new CheckpointException(problems);
        return new SafetensorsHeader(file, dataStart, tensors, metadata);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata, List<String> problems) {
        if (!node.isObject()) {
            problems.add(file + ": __metadata__ must be an object of strings");
            return;
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (m.getValue().isTextual()) metadata.put(m.getKey(), m.getValue().asText());
            else problems.add(file + ": __metadata__ value for \"" + m.getKey() + "\" must be a string");
        }
    }

    /** One header entry, or null after adding the reasons it is unusable to problems. */
    private static SafetensorsEntry entry(Path file, String name, JsonNode node, List<String> problems) {
        String where = file + ": tensor \"" + name + "\"";
        if (!node.isObject()) {
            problems.add(where + " is not described by a JSON object");
            return null;
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            problems.add(where + " has no dtype");
            return null;
        }
        var dtype = SafetensorsDType.parse(dtypeNode.asText());
        if (dtype.isEmpty()) {
            problems.add(where + " has unknown dtype \"" + dtypeNode.asText() + "\"");
            return null;
        }
        long[] shape = naturals(node.get("shape"), -1);
        if (shape == null) {
            problems.add(where + " has no valid shape (a list of non-negative integers), got " + node.get("shape"));
            return null;
        }
        long[] offsets = naturals(node.get("data_offsets"), 2);
        if (offsets == null) {
            problems.add(where + " has no valid data_offsets (two non-negative integers), got " + node.get("data_offsets"));
            return null;
        }
        if (offsets[0] > offsets[1]) {
            problems.add(where + " has data_offsets [" + offsets[0] + ", " + offsets[1] + "] whose begin is after its end");
            return null;
        }
        SafetensorsEntry e = new SafetensorsEntry(name, dtype.get(), shape, offsets[0], offsets[1]);
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(e.elementCount(), dtype.get().bytes());
        } catch (ArithmeticException overflow) {
            problems.add(where + " has shape " + e.shapeString() + " too large to address");
            return null;
        }
        if (expectedBytes != e.byteLength()) {
            problems.add(where + ": shape " + e.shapeString() + " × " + dtype.get() + " (" + dtype.get().bytes() + " bytes each) needs "
                    + expectedBytes + " bytes but data_offsets [" + e.begin() + ", " + e.end() + "] span " + e.byteLength());
            return null;
        }
        return e;
    }

    /** A JSON array of non-negative integers (of the given length, or any when length < 0), else null. */
    private static long[] naturals(JsonNode node, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) return null;
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) return null;
            out[i] = v.asLong();
        }
        return out;
    }

    /** Every range must lie inside the data section, and no two may share a byte. */
    private static void checkRanges(Path file, Iterable<SafetensorsEntry> entries, long dataSize, List<String> problems) {
        List<SafetensorsEntry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
        List<SafetensorsEntry> outside = sorted.stream().filter(e -> e.end() > dataSize).toList();
        if (!outside.isEmpty()) {
            SafetensorsEntry first = outside.getFirst();
            problems.add(file + " is truncated: tensor \"" + first.name() + "\" needs bytes [" + first.begin() + ", " + first.end()
                    + ") of the data section, which holds only " + dataSize + " bytes"
                    + (outside.size() == 2 ? " (1 more tensor lies past the end)" : "")
                    + (outside.size() > 2 ? " (" + (outside.size() - 1) + " more tensors lie past the end)" : ""));
        }
        SafetensorsEntry previous = null;
        for (SafetensorsEntry e : sorted) {
            if (e.byteLength() == 0) continue;   // empty tensors occupy no bytes and cannot overlap
            if (previous != null && e.begin() < previous.end()) {
                problems.add(file + ": tensors \"" + previous.name() + "\" [" + previous.begin() + ", " + previous.end() + ") and \""
                        + e.name() + "\" [" + e.begin() + ", " + e.end() + ") overlap");
            }
            if (previous == null || e.end() > previous.end()) previous = e;
        }
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) throw new EOFException("unexpected end of file at byte " + (position + buffer.position()));
        }
        return buffer.flip();
    }
}
