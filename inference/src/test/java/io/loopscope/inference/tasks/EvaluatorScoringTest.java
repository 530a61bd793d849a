package io.loopscope.inference.tasks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A multi-character answer is right only when every character is the argmax at its position. */
class EvaluatorScoringTest {

    @Test
    void everyAnswerCharacterMustBeTheArgmaxAtItsOwnPosition() {
        // 6 positions, vocabulary of 5; the answer starts at position 3 (the prompt's last token)
        INDArray logits = Nd4j.zeros(6, 5);
        long[] argmax = {0, 0, 0, 2, 4, 1};
        for (int p = 0; p < 6; p++) logits.putScalar(p, (int) argmax[p], 1f);
        assertTrue(Evaluator.answersAt(logits, 3, new long[] {2, 4, 1}));
        assertTrue(Evaluator.answersAt(logits, 3, new long[] {2}), "a one-character answer reads the prompt's last position");
        assertFalse(Evaluator.answersAt(logits, 3, new long[] {2, 4, 3}), "the last character is wrong");
        assertFalse(Evaluator.answersAt(logits, 3, new long[] {3, 4, 1}), "the first character is wrong");
        assertFalse(Evaluator.answersAt(logits, 2, new long[] {2, 4, 1}), "read one position too early");
    }
}
