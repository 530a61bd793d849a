package io.loopscope.inference.testing;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.HuginnWeights;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond;
import io.loopscope.inference.checkpoint.SlrConfig.LoraTarget;
import io.loopscope.inference.checkpoint.SlrConfig.Residual;
import io.loopscope.inference.checkpoint.SlrConfig.Timestep;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small random SLR models for tests: every stabiliser on its own and all together, with LoRA deltas that do something. */
public final class SlrModels {
    /** H 32, 4 heads, I 48, V 50, prelude/core/coda 1/2/1, block 16. */
    public static final HuginnConfig BASE = new HuginnConfig(32, 4, 4, 48, 50, 1, 2, 1, 1e-6, 50000, 16, true, true, 4);

    /** One config per stabiliser, a mix, and all at once (T = 3, so 3 < step exercises the beyond rule). */
    public static final List<SlrConfig> VARIANTS = List.of(
            SlrConfig.timestep(Timestep.SINUSOIDAL, 0),
            SlrConfig.timestep(Timestep.LEARNED, 3),
            SlrConfig.lora(2, EnumSet.allOf(LoraTarget.class), 3, LoraBeyond.LAST),
            SlrConfig.lora(3, EnumSet.of(LoraTarget.ATTN_PROJ, LoraTarget.MLP_FC), 3, LoraBeyond.NONE),
            SlrConfig.residual(Residual.S0, 1),
            SlrConfig.residual(Residual.PREVIOUS, 0.5),
            new SlrConfig(Timestep.LEARNED, 3, 2, EnumSet.allOf(LoraTarget.class), 3, LoraBeyond.LAST, Residual.S0, 0.7));

    private SlrModels() {
    }

    /** RandomWeights for c with every LoRA B drawn at random too (it starts at zero for training), σ 0.1. */
    public static HuginnWeights weights(HuginnConfig c, long seed) {
        Map<String, INDArray> tensors = new LinkedHashMap<>(HuginnLayout.flatten(c, RandomWeights.create(c, seed)));
        SplittableRandom random = new SplittableRandom(seed);
        tensors.replaceAll((name, t) -> name.contains(".lora_B.") ? gaussian(t.shape(), 0.1, random) : t);
        return HuginnLayout.assemble(c, tensors::get);
    }

    private static INDArray gaussian(long[] shape, double std, SplittableRandom random) {
        int n = (int) (shape[0] * shape[1]);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextGaussian() * std);
        return Nd4j.create(values, shape, 'c');
    }
}
