package io.loopscope.inference.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tensors of a model folder, wherever they live: model.safetensors, shards listed by
 * model.safetensors.index.json ("weight_map": {tensor: shard}), or the folder's only *.safetensors.
 * All headers are validated when this opens; tensor data is read on demand.
 */
public final class CheckpointTensors implements AutoCloseable {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final List<SafetensorsReader> readers;
    private final Map<String, SafetensorsReader> byName;

    private CheckpointTensors(List<SafetensorsReader> readers, Map<String, SafetensorsReader> byName) {
        this.readers = List.copyOf(readers);
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Opens the safetensors file(s) of dir, reporting every header problem of every shard together. */
    public static CheckpointTensors open(Path dir) throws CheckpointException {
        if (Files.isRegularFile(dir.resolve(SINGLE_FILE))) return single(dir.resolve(SINGLE_FILE));
        if (Files.isRegularFile(dir.resolve(INDEX_FILE))) return sharded(dir, dir.resolve(INDEX_FILE));
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.size() == 1) return single(found.getFirst());
        if (found.isEmpty()) throw new CheckpointException("no " + SINGLE_FILE + " (or other *.safetensors file) in " + dir);
        throw new CheckpointException(dir + " holds " + found.size() + " *.safetensors files " + names(found)
                + " but no " + INDEX_FILE + " saying which tensor is in which");
    }

    private static CheckpointTensors single(Path file) throws CheckpointException {
        SafetensorsReader reader = SafetensorsReader.open(file);
        Map<String, SafetensorsReader> byName = new LinkedHashMap<>();
        for (String name : reader.header().tensors().keySet()) byName.put(name, reader);
        return new CheckpointTensors(List.of(reader), byName);
    }

    private static CheckpointTensors sharded(Path dir, Path index) throws CheckpointException {
        Map<String, String> weightMap = weightMap(index);
        Map<String, SafetensorsReader> shards = new LinkedHashMap<>();
        Map<String, SafetensorsReader> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (String shard : new java.util.TreeSet<>(weightMap.values())) {
                Path file = dir.resolve(shard).normalize();
                if (!dir.toAbsolutePath().normalize().equals(file.toAbsolutePath().getParent())) {
                    problems.add(index + ": shard \"" + shard + "\" is not a file name inside " + dir);
                    continue;
                }
                try {
                    shards.put(shard, SafetensorsReader.open(file));
                } catch (CheckpointException e) {
                    problems.addAll(e.problems());
                }
            }
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsReader reader = shards.get(e.getValue());
                if (reader == null) continue;   // the shard's own problem is already reported
                if (reader.header().tensors().containsKey(e.getKey())) byName.put(e.getKey(), reader);
                else problems.add(index + " places tensor \"" + e.getKey() + "\" in " + e.getValue() + ", which does not contain it");
            }
            if (!problems.isEmpty()) throw new CheckpointException(problems);
            return new CheckpointTensors(new ArrayList<>(shards.values()), byName);
        } catch (CheckpointException | RuntimeException e) {
            shards.values().forEach(SafetensorsReader::close);
            throw e;
        }
    }

    private static Map<String, String> weightMap(Path index) throws CheckpointException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new CheckpointException(index + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(index + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) throw new CheckpointException(index + " has no \"weight_map\" object");
        Map<String, String> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        problems.addAll(duplicates(index));
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (e.getValue().isTextual()) out.put(e.getKey(), e.getValue().asText());
            else problems.add(index + ": weight_map entry for \"" + e.getKey() + "\" is not a file name");
        }
        if (!problems.isEmpty()) throw new CheckpointException(problems);
        return out;
    }

    /**
     * Tensors the weight_map lists twice, with both shards: a JSON object keeps only the last of a
     * repeated key, which would silently pick one copy.
     */
    private static List<String> duplicates(Path index) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(index.toFile())) {
            Map<String, String> seen = new LinkedHashMap<>();
            int depth = 0;
            boolean inMap = false;
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT || t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == com.fasterxml.jackson.core.JsonToken.END_OBJECT || t == com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    if (inMap && depth == 2) inMap = false;
                    depth--;
                } else if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("weight_map")) {
                    inMap = true;
                } else if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && inMap && depth == 2) {
                    String name = p.currentName(), shard = p.getText();
                    String before = seen.putIfAbsent(name, shard);
                    if (before != null) {
                        problems.add(index + " lists tensor \"" + name + "\" twice, in " + before + " and in " + shard + "; keep one");
                    }
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(index + " cannot be read: " + e.getMessage(), e);
        }
        return problems;
    }

    /** Every tensor, by name, as its header describes it (nothing read yet). */
    public Map<String, SafetensorsEntry> entries() {
        Map<String, SafetensorsEntry> out = new LinkedHashMap<>();
        byName.forEach((name, reader) -> out.put(name, reader.header().tensors().get(name)));
        return out;
    }

    /** The file a tensor is stored in. */
    public Path fileOf(String name) {
        SafetensorsReader r = byName.get(name);
        return r == null ? null : r.file();
    }

    /** Reads one tensor as float32; see {@link SafetensorsReader#read}. */
    public INDArray read(String name) throws CheckpointException {
        SafetensorsReader r = byName.get(name);
        if (r == null) throw new CheckpointException("the checkpoint has no tensor \"" + name + "\"");
        return r.read(name);
    }

    /** Reads one tensor in its stored dtype when the engine uses it in place; see {@link SafetensorsReader#readStored}. */
    public INDArray readStored(String name) throws CheckpointException {
        SafetensorsReader r = byName.get(name);
        if (r == null) throw new CheckpointException("the checkpoint has no tensor \"" + name + "\"");
        return r.readStored(name);
    }

    public List<Path> files() {
        return readers.stream().map(SafetensorsReader::file).toList();
    }

    @Override
    public void close() {
        readers.forEach(SafetensorsReader::close);
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList().toString();
    }
}
