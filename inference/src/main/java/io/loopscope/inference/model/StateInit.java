package io.loopscope.inference.model;

import io.loopscope.inference.trace.FloatTensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/** How the loop's first state s0 is made. */
public sealed interface StateInit {

    /** A short name for run descriptions: "random", "zeros" or "file". */
    String kind();

    /** s0 as float32 [S, H], row-major. */
    float[] create(int tokens, int hidden);

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
            SplittableRandom random = new SplittableRandom(seed);
            double std = Math.sqrt(2.0 / (5.0 * hidden));
            double scale = Math.sqrt(hidden);
            float[] s0 = new float[tokens * hidden];
            for (int i = 0; i < s0.length; i++) {
                double z;
                do {
                    z = random.nextGaussian(); // resample outside ±3σ, as torch's trunc_normal_ does in effect
                } while (Math.abs(z) > 3.0);
                s0[i] = (float) (z * std * scale);
            }
            return s0;
        }
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

    /** A given s0 of shape [S, H], e.g. read from a .npy file. */
    record Given(FloatTensor state, String source) implements StateInit {
        public Given {
            Objects.requireNonNull(state, "state");
            if (state.rank() != 2) {
                throw new IllegalArgumentException("an initial state must be [S, H], got shape " + Arrays.toString(state.shape()));
            }
        }

        @Override
        public String kind() {
            return "file";
        }

        @Override
        public float[] create(int tokens, int hidden) {
            if (state.dim(0) != tokens || state.dim(1) != hidden) {
                throw new IllegalArgumentException("initial state " + (source == null ? "" : source + " ") + "has shape "
                        + Arrays.toString(state.shape()) + " but this run needs [" + tokens + ", " + hidden + "] (tokens × hidden)");
            }
            return state.data().clone();
        }
    }
}
