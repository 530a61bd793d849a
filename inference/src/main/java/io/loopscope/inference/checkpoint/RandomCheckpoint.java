package io.loopscope.inference.checkpoint;

import io.loopscope.inference.io.AtomicFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Writes a random Huginn checkpoint of any size, sharded the way Hugging Face shards one
 * (model-0000k-of-0000n.safetensors + model.safetensors.index.json), tensor by tensor: nothing but a
 * 4 MB chunk is held in memory, so a 7.8 GB BF16 Huginn-0125 is written on a machine that could not
 * hold it as float32. Values are {@link RandomWeights#fill}'s — the same as {@link RandomWeights#create}
 * for the config and seed. config.json goes last, so a folder with one is complete.
 */
public final class RandomCheckpoint {
    /** Huginn-0125's shapes: H 5280, 55 heads of 96, MLP 17920, vocab 65536, prelude/core/coda 2/4/2, tied embeddings. */
    public static final HuginnConfig HUGINN_0125 = new HuginnConfig(5280, 55, 55, 17920, 65536, 2, 4, 2, 1e-6, 50000, 4096, true, true, 32);

    /** Where a write is: shard (1-based) of shards, bytes of the whole checkpoint written so far. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void wrote(int shard, int shards, long bytesWritten, long bytesTotal) {
        }

        /** Polled before each chunk of values; true stops the write and removes the shards written so far. */
        default boolean cancelled() {
            return false;
        }
    }

    /** What was written: the shard files in order, the parameters and the bytes of all shards. */
    public record Written(List<Path> shards, long parameters, long bytes) {
        public Written {
            shards = List.copyOf(shards);
        }
    }

    private RandomCheckpoint() {
    }

    /**
     * @param shardBytes the most data bytes a shard holds before the next starts (a tensor is never split;
     *                   one larger than this gets a shard of its own)
     */
    public static Written write(Path dir, HuginnConfig config, SafetensorsDType dtype, long shardBytes, long seed, Progress progress)
            throws IOException {
        if (dtype != SafetensorsDType.F32 && dtype != SafetensorsDType.BF16) throw new IllegalArgumentException("dtype must be F32 or BF16, not " + dtype);
        if (shardBytes < 1) throw new IllegalArgumentException("shard size must be positive, got " + shardBytes);
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("cannot write a checkpoint to " + dir + ": it is a file, not a folder");
        Files.createDirectories(dir);
        for (String existing : new String[] {CheckpointLoader.CONFIG_FILE, CheckpointTensors.INDEX_FILE, CheckpointTensors.SINGLE_FILE}) {
            if (Files.exists(dir.resolve(existing))) throw new IOException(dir + " already holds a checkpoint (" + existing + "); write to an empty folder instead");
        }
        Map<String, long[]> all = new LinkedHashMap<>(HuginnLayout.required(config));
        if (!config.tieEmbeddings()) all.put(HuginnLayout.LM_HEAD, HuginnLayout.lmHeadShape(config));
        List<Map<String, long[]>> plan = shards(all, dtype, shardBytes);
        long parameters = 0;
        for (long[] shape : all.values()) parameters += SafetensorsWriter.elements(shape);
        long total = parameters * dtype.bytes();
        List<Path> files = new ArrayList<>();
        Map<String, String> weightMap = new LinkedHashMap<>();
        long[] written = {0};
        try {
            for (int k = 0; k < plan.size(); k++) {
                String name = plan.size() == 1 ? CheckpointTensors.SINGLE_FILE
                        : String.format(java.util.Locale.ROOT, "model-%05d-of-%05d.safetensors", k + 1, plan.size());
                Map<String, long[]> shard = plan.get(k);
                int number = k + 1;
                files.add(dir.resolve(name));
                SafetensorsWriter.write(dir.resolve(name), shard, dtype, Map.of(), (tensor, sink) -> {
                    long count = SafetensorsWriter.elements(shard.get(tensor));
                    RandomWeights.fill(config, tensor, count, seed, (offset, chunk, n) -> {
                        // polled per 4 MB chunk: Huginn-0125's embedding alone takes seconds to draw
                        if (progress.cancelled()) throw new CancellationException("writing the checkpoint was cancelled at " + tensor);
                        sink.accept(offset, chunk, n);
                        progress.wrote(number, plan.size(), written[0] + (offset + n) * dtype.bytes(), total);
                    });
                    written[0] += count * dtype.bytes();
                });
                for (String tensor : shard.keySet()) weightMap.put(tensor, name);
            }
            if (plan.size() > 1) writeIndex(dir.resolve(CheckpointTensors.INDEX_FILE), total, weightMap);
            ConfigWriter.write(dir.resolve(CheckpointLoader.CONFIG_FILE), config, dtype == SafetensorsDType.BF16 ? "bfloat16" : "float32");
        } catch (IOException | RuntimeException e) {
            // a folder of some shards and no config is no checkpoint: leave the folder as it was
            for (Path f : files) Files.deleteIfExists(f);
            Files.deleteIfExists(dir.resolve(CheckpointTensors.INDEX_FILE));
            throw e;
        }
        return new Written(files, parameters, total);
    }

    /** Tensors in checkpoint order, cut into consecutive groups of at most shardBytes of data each. */
    static List<Map<String, long[]>> shards(Map<String, long[]> tensors, SafetensorsDType dtype, long shardBytes) {
        List<Map<String, long[]>> out = new ArrayList<>();
        Map<String, long[]> current = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long size = SafetensorsWriter.elements(e.getValue()) * dtype.bytes();
            if (!current.isEmpty() && bytes + size > shardBytes) {
                out.add(current);
                current = new LinkedHashMap<>();
                bytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            bytes += size;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private static void writeIndex(Path file, long totalBytes, Map<String, String> weightMap) throws IOException {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", totalBytes));
        index.put("weight_map", weightMap);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(index);
        AtomicFile.write(file, tmp -> Files.write(tmp, json));
    }
}
