package io.loopscope.ui.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model a run uses: the one shipped with LoopScope, or a folder on disk. A reference, not a
 * loaded model — the model picker lists these and the run loads them lazily (and caches them).
 *
 * @param embedded  true for the model shipped inside LoopScope
 * @param directory the model folder (for the embedded model: where it was unpacked, or null when unknown yet)
 */
public record ModelRef(boolean embedded, Path directory) {

    public ModelRef {
        if (!embedded) Objects.requireNonNull(directory, "directory");
    }

    public static ModelRef embeddedModel() {
        return new ModelRef(true, null);
    }

    public static ModelRef folder(Path dir) {
        return new ModelRef(false, dir.toAbsolutePath().normalize());
    }

    /** What the model picker shows. */
    public String displayName() {
        if (embedded) return "Embedded model";
        Path name = directory.getFileName();
        Path parent = directory.getParent();
        String shortName = name == null ? directory.toString() : name.toString();
        // "f32" alone says little; "huginn-tiny/f32" tells fixtures and checkpoints apart
        return parent != null && parent.getFileName() != null ? parent.getFileName() + "/" + shortName : shortName;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
