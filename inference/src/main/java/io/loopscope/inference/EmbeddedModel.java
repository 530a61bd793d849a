package io.loopscope.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model LoopScope ships: a small looped model trained by {@code loopscope train} on the synthetic
 * tasks, stored as classpath resources. {@link #directory()} extracts it once per content version
 * into {@code ~/.cache/loopscope/embedded-<sha256 prefix>/} so the ordinary path-based loader reads
 * it like any other model folder.
 */
public final class EmbeddedModel {
    static final String RESOURCES = "/io/loopscope/embedded-model/";
    static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    private EmbeddedModel() {
    }

    /** Whether this build carries the embedded model. */
    public static boolean available() {
        return available(RESOURCES);
    }

    /** Whether this build carries a model's files under the given classpath folder. */
    static boolean available(String resources) {
        return FILES.stream().allMatch(f -> EmbeddedModel.class.getResource(resources + f) != null);
    }

    /** The extracted model folder (extracting it on first use). */
    public static Path directory() throws IOException {
        return directory(cacheRoot());
    }

    /** As {@link #directory()}, under a given cache root (tests use a temporary folder). */
    public static Path directory(Path cacheRoot) throws IOException {
        return extract(RESOURCES, ShippedModels.DEFAULT, cacheRoot);
    }

    /** A shipped model's folder {@code NAME-<sha256 prefix>} under cacheRoot, extracted once per content version. */
    static Path extract(String resources, String name, Path cacheRoot) throws IOException {
        Map<String, byte[]> files = read(resources);
        Path target = cacheRoot.resolve(name + "-" + versionOf(files));
        if (complete(target, files)) return target;
        Files.createDirectories(cacheRoot);
        // Extract into a private temporary folder, then rename it into place in one step, so a
        // concurrent or interrupted extraction never leaves a half-written model where the loader looks.
        Path tmp = Files.createTempDirectory(cacheRoot, ".embedded-");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) Files.write(tmp.resolve(f.getKey()), f.getValue());
            if (Files.exists(target)) deleteTree(target); // an incomplete leftover
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (complete(target, files)) return target; // another process won the race
            throw new IOException("could not extract the embedded model to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
        return target;
    }

    static Path cacheRoot() {
        String override = System.getProperty("loopscope.cache");
        if (override != null) return Path.of(override);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("loopscope");
    }

    private static Map<String, byte[]> read(String resources) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String f : FILES) {
            try (InputStream in = EmbeddedModel.class.getResourceAsStream(resources + f)) {
                if (in == null) throw new IOException("this build of LoopScope lacks the model files " + resources + f + "; pass --model DIR");
                out.put(f, in.readAllBytes());
            }
        }
        return out;
    }

    /** The first 12 hex digits of SHA-256 over every file's name and bytes. */
    static String versionOf(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(f.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean complete(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p) || Files.size(p) != f.getValue().length) return false;
        }
        return true;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var s = Files.walk(path)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
