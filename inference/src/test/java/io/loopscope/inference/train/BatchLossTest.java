package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnWeights;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.tasks.Example;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Several supervised positions per row (multi-character answers, hop prefixes) and the loss over them. */
class BatchLossTest {
    private final CharVocab vocab = CharVocab.standard();
    private final Example hops = new Example("hops", 3, "f>b x>q a>c c>f a>>>", 'b');
    private final Example add = new Example("add", 2, "47+85=", "132");

    @Test
    void supervisesEveryAnswerCharacterAndEveryHopPrefix() {
        Batch batch = Batch.of(List.of(hops, add), vocab, 24);
        assertEquals(20, batch.positions(), "9 targets per row round up to 20 slots");
        assertEquals(20, Batch.of(List.of(new Example("copy", 2, "copy ab=", 'a')), vocab, 16).positions(), "one graph shape for every task");
        assertEquals(32, Batch.of(List.of(new Example("count", 24, "how many a in aaaaaaaaabcdefghijklmnop?", '9')), vocab, 40).positions(),
                "beyond twenty targets the slots round up to a power of two");
        // hops: each edge's source at its '>' (f, x, a, c at 1, 5, 9, 13), where c>f's f leads (b, listed
        // earlier; position 14), prefixes at the query's 1st and 2nd '>' (17, 18), the answer after the 3rd (19),
        // the end marker after the answer (20)
        assertEquals(List.of(1, 5, 9, 13, 14, 17, 18, 19, 20, -1), selected(batch, 0).subList(0, 10));
        assertEquals("fxacbcfb" + CharVocab.END, chars(batch.targets()[0], 9));
        // add: the column sums 4+8, 7+5 under the second number (positions 3, 4); reads "47+85=13" and
        // answers '1', '3', '2' at positions 5, 6, 7, and reads the whole "47+85=132" to end it at 8
        assertEquals(List.of(3, 4, 5, 6, 7, 8, -1), selected(batch, 1).subList(0, 7));
        assertEquals("22132" + CharVocab.END, chars(batch.targets()[1], 6));
        assertEquals(vocab.id('1'), batch.ids().getInt(1, 6));
        assertEquals(vocab.id('3'), batch.ids().getInt(1, 7));
        assertEquals(vocab.id('2'), batch.ids().getInt(1, 8));
        assertEquals(0, batch.labels().getRow(9).sumNumber().intValue(), "an unused slot has no label");
        assertEquals(List.of(-1), selected(batch, 1).subList(6, 20).stream().distinct().toList());
        assertEquals(15, batch.labels().sumNumber().intValue());
    }

    @Test
    void supervisesTheRunningTotalsAndCountsBeforeTheAnswer() {
        Example sum = new Example("sum", 4, "4+7+1+9=", '1');
        Example count = new Example("count", 4, "how many x in xaxb?", '2');
        Batch batch = Batch.of(List.of(sum, count), vocab, 24);
        assertEquals(List.of(0, 2, 4, 6, 7, 8, -1), selected(batch, 0).subList(0, 7));
        assertEquals("41211" + CharVocab.END, chars(batch.targets()[0], 6));
        assertEquals(List.of(14, 15, 16, 17, 18, 19, -1), selected(batch, 1).subList(0, 7));
        assertEquals("11222" + CharVocab.END, chars(batch.targets()[1], 6));
        assertEquals(List.of(false, false, false, false, true, false), List.of(batch.scored()[0][0], batch.scored()[0][1], batch.scored()[0][2],
                batch.scored()[0][3], batch.scored()[0][4], batch.scored()[0][5]), "only the answer counts for accuracy, not the hints or the end");
    }

    @Test
    void everyTrainingExampleWithItsEndFitsOneSlotShapeAndTheBlock() {
        for (io.loopscope.inference.tasks.Task t : io.loopscope.inference.tasks.Tasks.all()) {
            for (Example e : io.loopscope.inference.tasks.Tasks.examples(t, t.training(), 300, 7)) {
                int length = e.inputWithEnd().length();
                assertTrue(length <= 64, e.inputWithEnd());
                assertEquals(Batch.MIN_POSITIONS, Batch.of(List.of(e), vocab, Batch.bucket(length)).positions(), e.prompt());
            }
        }
    }

    private String chars(int[] targets, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(vocab.token(targets[i]));
        return s.toString();
    }

    @Test
    void accuracyNeedsEveryAnswerCharacterButNotThePrefixes() {
        Batch batch = Batch.of(List.of(hops, add), vocab, 24);
        int p = batch.positions();
        INDArray logits = Nd4j.zeros(2 * p, vocab.size());                              // [B·P, V]
        String[] pick = {"zzzzzzzb", "00132"};                                           // hints and ends wrong, answers right
        for (int b = 0; b < 2; b++) for (int j = 0; j < pick[b].length(); j++) logits.putScalar(b * p + j, vocab.id(pick[b].charAt(j)), 1);
        assertEquals(1.0, batch.accuracy(logits));
        logits.putScalar(1 * p + 3, vocab.id('3'), 0);
        logits.putScalar(1 * p + 3, vocab.id('4'), 1);                                  // "142": one wrong digit
        assertEquals(0.5, batch.accuracy(logits));
    }

    @Test
    void lossIsTheMeanCrossEntropyOverSupervisedPositionsAsTheEngineComputesIt() {
        HuginnConfig config = new HuginnConfig(32, 2, 2, 88, vocab.size(), 1, 1, 1, 1e-6, 50000, 24, true, true, 2);
        HuginnWeights weights = RandomWeights.create(config, 11);
        int seqLen = 24;
        Batch batch = Batch.of(List.of(hops, add), vocab, seqLen);
        INDArray s0 = Trainer.likeInit(new SplittableRandom(2), 2 * seqLen, config.hidden());
        TrainGraph graph = new TrainGraph(config, SdHuginnParityTest.params(config, weights), 2, seqLen, 2, batch.positions());
        double loss = graph.run(batch.ids(), s0, s0, 2, batch.select(), batch.labels()).getOutputs().get("loss").getDouble(0);

        HuginnModel engine = new HuginnModel(config, weights);
        double sum = 0;
        int count = 0;
        for (int b = 0; b < 2; b++) {
            long[] ids = new long[seqLen];
            for (int t = 0; t < seqLen; t++) ids[t] = batch.ids().getInt(b, t);
            INDArray rows = s0.get(NDArrayIndex.interval(b * seqLen, (b + 1) * seqLen), NDArrayIndex.all()).dup();
            INDArray logits = engine.decode(engine.recur(rows, engine.embed(ids), 2, (i, s) -> { }));   // [S, V]
            INDArray logProbs = Transforms.log(Transforms.softmax(logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
            for (int j = 0; j < batch.positions(); j++) {
                int target = batch.targets()[b][j];
                if (target < 0) continue;
                sum -= logProbs.getDouble(selected(batch, b).get(j), target);
                count++;
            }
        }
        assertEquals(15, count);
        assertEquals(sum / count, loss, 1e-4);
        assertTrue(loss > 0);
    }

    @Test
    void sharesOfABatchAddUpToTheWholeBatch() {
        HuginnConfig config = new HuginnConfig(16, 2, 2, 44, vocab.size(), 1, 1, 1, 1e-6, 50000, 24, true, true, 2);
        var params = SdHuginnParityTest.params(config, RandomWeights.create(config, 5));
        int seqLen = 24, r = 3, k = 2;
        INDArray s0 = Trainer.likeInit(new SplittableRandom(4), 2 * seqLen, config.hidden());
        TrainShard.Result whole = new TrainShard(config, params, 2).run(List.of(hops, add), vocab, seqLen, s0, r, k);
        TrainShard.Result first = new TrainShard(config, params, 1).run(List.of(hops), vocab, seqLen, rows(s0, 0, seqLen), r, k);
        TrainShard.Result second = new TrainShard(config, params, 1).run(List.of(add), vocab, seqLen, rows(s0, seqLen, 2 * seqLen), r, k);
        assertEquals(15, whole.supervised());
        assertEquals(whole.supervised(), first.supervised() + second.supervised());
        assertEquals(whole.lossSum(), first.lossSum() + second.lossSum(), 1e-4);
        assertEquals(params.keySet(), whole.gradientSums().keySet());
        whole.gradientSums().forEach((name, g) -> {
            double err = g.sub(first.gradientSums().get(name).add(second.gradientSums().get(name))).amaxNumber().doubleValue();
            assertTrue(err < 1e-4 * Math.max(1, g.amaxNumber().doubleValue()), name + ": " + err);
        });
    }

    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    private static List<Integer> selected(Batch batch, int row) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int j = 0; j < batch.positions(); j++) {
            INDArray slot = batch.select().get(NDArrayIndex.point(row), NDArrayIndex.point(j), NDArrayIndex.all());
            out.add(slot.sumNumber().intValue() == 0 ? -1 : slot.argMax().getInt(0));
        }
        return out;
    }
}
