package io.loopscope.inference.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How the loop's first state s0 is made. */
public sealed interface StateInit {

    /** A short name for run descriptions: "random", "zeros" or "file". */
    String kind();

    /** s0 as float32 [S, H], row-major. */
    float[] create(int tokens, int hidden);

    /**
     * Rows [first, first + count) of the s0 sequence, for positions that start one at a time
     * (generation); rows [0, S) equal {@link #create}(S, H), so a cached run starts where a prompt pass does.
     */
    default float[] rows(int first, int count, int hidden) {
        float[] all = create(first + count, hidden);
        return java.util.Arrays.copyOfRange(all, first * hidden, (first + count) * hidden);
    }

    /** A row-major [S, H] float array as an INDArray. */
    static INDArray toArray(float[] s0, int tokens, int hidden) {
        return Nd4j.create(s0, new long[] {tokens, hidden}, 'c');
    }

    /**
     * Huginn's "like-init": √H · a truncated normal with std √(2/(5H)), cut at ±3 std, drawn from a
     * seeded generator so a run can be repeated exactly.
     */
    record Random(long seed) implements StateInit {
        @Override
        public String kind() {
            return "random";
        }

        @Override
        public float[] create(int tokens, int hidden) {
            return likeInitFrom(new SplittableRandom(seed), tokens, hidden);
        }
    }

    /**
     * Huginn's like-init from a given random stream: the one implementation, used by {@link Random}
     * and by the trainer (which draws every step's s0 from one stream). [rows · hidden], row-major.
     */
    public static float[] likeInitFrom(SplittableRandom random, int rows, int hidden) {
        double std = Math.sqrt(2.0 / (5.0 * hidden));
        double scale = Math.sqrt(hidden);
        float[] s0 = new float[Math.multiplyExact(rows, hidden)];
        for (int i = 0; i < s0.length; i++) {
            double z;
            do {
                z = random.nextGaussian(); // resample outside ±3σ, as torch's trunc_normal_ does in effect
            } while (Math.abs(z) > 3.0);
            s0[i] = (float) (z * std * scale);
        }
        return s0;
    }

    /** s0 = 0. */
    record Zeros() implements StateInit {
        @Override
        public String kind() {
            return "zeros";
        }

        @Override
        public float[] create(int tokens, int hidden) {
            return new float[tokens * hidden];
        }
    }

    /**
     * A given s0 of shape [P, H] (row-major), e.g. read from a .npy file: a trace needs P = S, a
     * generation one row for every position that runs.
     */
    record Given(float[] data, int count, int width, String source) implements StateInit {
        public Given {
            Objects.requireNonNull(data, "data");
            if (count < 1 || width < 1 || (long) count * width != data.length) {
                throw new IllegalArgumentException("an initial state must be [P, H] with P, H >= 1, got " + count + " × " + width
                        + " for " + data.length + " values");
            }
            for (float v : data) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("initial state " + (source == null ? "" : source + " ")
                            + "holds NaN or infinite values; every state after it would be NaN");
                }
            }
        }

        @Override
        public float[] rows(int first, int rowCount, int hidden) {
            if (hidden != width) {
                throw new IllegalArgumentException("initial state " + (source == null ? "" : source + " ") + "has rows of width "
                        + width + " but the model's hidden size is " + hidden);
            }
            if (first + rowCount > count) {
                throw new IllegalArgumentException("initial state " + (source == null ? "" : source + " ") + "has " + count
                        + " rows but this run needs " + (first + rowCount) + " (one per position that runs)");
            }
            return Arrays.copyOfRange(data, first * width, (first + rowCount) * width);
        }

        @Override
        public String kind() {
            return "file";
        }

        @Override
        public float[] create(int tokens, int hidden) {
            if (count != tokens || width != hidden) {
                throw new IllegalArgumentException("initial state " + (source == null ? "" : source + " ") + "has shape ["
                        + count + ", " + width + "] but this run needs [" + tokens + ", " + hidden + "] (tokens × hidden)");
            }
            return data.clone();
        }
    }
}
