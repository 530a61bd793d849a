package io.loopscope.inference.checkpoint;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * All weights of a Huginn-format model, float32, validated against its {@link HuginnConfig}.
 *
 * @param wte     [V, H]  token embedding (transformer.wte.weight)
 * @param prelude blocks before the loop (transformer.prelude.N)
 * @param adapter [H, 2H]  linear injection over [state; embedding] (transformer.adapter.weight)
 * @param core    blocks inside the loop (transformer.core_block.N)
 * @param coda    blocks after the loop (transformer.coda.N)
 * @param lnF     [H]  final RMSNorm (transformer.ln_f.weight), applied before and after the coda
 * @param lmHead  [V, H]  output projection; the same array as wte when embeddings are tied
 * @param slr     the stabilisers' weights ({@link SlrWeights#NONE} for plain Huginn)
 */
public record HuginnWeights(
        INDArray wte,
        List<BlockWeights> prelude,
        INDArray adapter,
        List<BlockWeights> core,
        List<BlockWeights> coda,
        INDArray lnF,
        INDArray lmHead,
        SlrWeights slr) {

    /** Plain Huginn weights (no stabilisers). */
    public HuginnWeights(INDArray wte, List<BlockWeights> prelude, INDArray adapter, List<BlockWeights> core, List<BlockWeights> coda,
                         INDArray lnF, INDArray lmHead) {
        this(wte, prelude, adapter, core, coda, lnF, lmHead, SlrWeights.NONE);
    }

    public HuginnWeights {
        java.util.Objects.requireNonNull(slr, "slr (SlrWeights.NONE for plain Huginn)");
        prelude = List.copyOf(prelude);
        core = List.copyOf(core);
        coda = List.copyOf(coda);
    }
}
