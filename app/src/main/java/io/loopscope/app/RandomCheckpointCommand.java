package io.loopscope.app;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.RandomCheckpoint;
import io.loopscope.inference.checkpoint.SafetensorsDType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loopscope random-checkpoint}: a random model folder with a real checkpoint's shapes, names,
 * dtype and sharding, for benchmarks ({@code bench --full-size DIR}) on machines that do not have the
 * real weights. Written tensor by tensor, so it needs no more memory than a 4 MB chunk.
 */
@Command(name = "random-checkpoint", mixinStandardHelpOptions = true,
        description = {"Write a random Huginn checkpoint with a real model's shapes (default: Huginn-0125, 3.56 B parameters,",
                "7.1 GB of BF16 in 4 shards of at most 2 GB, with model.safetensors.index.json), initialised as Huginn is.",
                "For benchmarks: `loopscope bench --full-size DIR` measures it. Never commit the folder."})
public final class RandomCheckpointCommand implements Callable<Integer> {
    enum Preset {
        /** Huginn-0125: H 5280, 55 heads, MLP 17920, vocab 65536, 2/4/2 blocks. */
        HUGINN_0125(RandomCheckpoint.HUGINN_0125),
        /** bench's H = 1024 model (16 heads, MLP 3456, vocab 1024, 2/4/2). */
        BENCH_H1024(BenchCommand.HUGINN_SCALE);

        final HuginnConfig config;

        Preset(HuginnConfig config) {
            this.config = config;
        }
    }

    enum DType { BF16, F32 }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or new folder for the checkpoint.")
    Path out;

    @Option(names = "--preset", defaultValue = "huginn-0125", converter = PresetConverter.class,
            description = "huginn-0125 (default) or bench-h1024.")
    Preset preset;

    @Option(names = "--dtype", defaultValue = "bf16", converter = DTypeConverter.class, description = "bf16 (default, as Huginn-0125 ships) or f32.")
    DType dtype;

    @Option(names = "--shard-gb", defaultValue = "2", description = "Most gigabytes (1e9 bytes) of data per shard (default: ${DEFAULT-VALUE}).")
    double shardGb;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!(shardGb > 0) || shardGb > 1000) throw new IllegalArgumentException("--shard-gb must be in (0, 1000], got " + shardGb);
        SafetensorsDType stored = dtype == DType.BF16 ? SafetensorsDType.BF16 : SafetensorsDType.F32;
        PrintWriter err = spec.commandLine().getErr();
        RandomCheckpoint.Written written;
        try (CtrlC ctrlC = CtrlC.install(); Progress bar = Progress.start("write", 1000, quiet, err)) {
            written = RandomCheckpoint.write(out, preset.config, stored, (long) (shardGb * 1e9), seed, new RandomCheckpoint.Progress() {
                @Override
                public void wrote(int shard, int shards, long bytesWritten, long bytesTotal) {
                    bar.stepTo(bytesWritten * 1000 / Math.max(1, bytesTotal));
                    bar.extra("shard " + shard + " of " + shards);
                }

                @Override
                public boolean cancelled() {
                    return ctrlC.cancelled();
                }
            });
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %,d parameters, %.2f GB of %s in %d file%s%n", out, written.parameters(),
                written.bytes() / 1e9, stored, written.shards().size(), written.shards().size() == 1 ? "" : "s");
        return 0;
    }

    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            for (Preset p : Preset.values()) if (p.name().replace('_', '-').equalsIgnoreCase(value)) return p;
            throw new picocli.CommandLine.TypeConversionException("unknown preset '" + value + "'; valid: huginn-0125, bench-h1024");
        }
    }

    static final class DTypeConverter implements picocli.CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            for (DType d : DType.values()) if (d.name().equalsIgnoreCase(value)) return d;
            throw new picocli.CommandLine.TypeConversionException("unknown dtype '" + value + "'; valid: bf16, f32");
        }
    }
}
