package io.loopscope.analysis;

import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One recorded run as the analysis sees it: the states of every token at every step, plus whatever
 * optional lens data and metadata the source had. Built by {@link TraceLoader}; immutable.
 *
 * <p>Not a record on purpose: the state array is large (Huginn scale: 6400 × 5280 floats), so it is
 * kept private and read through accessors that copy single rows, instead of being cloned whole.
 */
public final class TraceData {
    private final String source;
    private final int iterations, tokens, hidden;
    private final float[] states;          // raw [R+1][S][H]
    private final float[] lnFWeight;       // [H] or null
    private final double normEps;
    private final List<String> tokenStrings;
    private final float[] lensEntropy, lensKl, lensMinpKl; // [R+1][S] or null
    private final TraceLens lensTopk;      // or null
    private final LensTables logitLens;    // or null: the head without the coda
    private final long[] ids;              // [S] or null
    private final RunInfo info;            // or null
    private final String label;
    private final List<String> notes;
    private final List<NonFiniteStates> nonFinite;
    private final boolean[] finite;        // [R+1][S]
    private final Generated generation;    // or null for a prompt pass
    private final float[] exitLambda;      // [R][S] the exit gate's λ at steps 1..R, or null

    TraceData(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.iterations = b.iterations;
        this.tokens = b.tokens;
        this.hidden = b.hidden;
        if (iterations < 0 || tokens < 1 || hidden < 1) {
            throw new IllegalArgumentException(source + ": states must have at least one step, token and hidden unit");
        }
        this.generation = b.generation;
        if (generation != null && generation.steps().length != tokens) {
            throw new IllegalArgumentException(source + ": generation steps covers " + generation.steps().length + " positions, states " + tokens);
        }
        this.states = Objects.requireNonNull(b.states, "states");
        if (states.length != (long) (iterations + 1) * tokens * hidden) throw new IllegalArgumentException("states size mismatch");
        this.lnFWeight = checkLength(b.lnFWeight, hidden);
        this.normEps = b.normEps;
        this.lensEntropy = checkLength(b.lensEntropy, (iterations + 1) * tokens);
        this.lensKl = checkLength(b.lensKl, (iterations + 1) * tokens);
        this.lensMinpKl = checkLength(b.lensMinpKl, (iterations + 1) * tokens);
        if (b.lensTopk != null && (b.lensTopk.steps() != iterations + 1 || b.lensTopk.tokens() != tokens)) {
            throw new IllegalArgumentException(source + ": the lens top-k covers " + b.lensTopk.steps() + " steps × " + b.lensTopk.tokens()
                    + " tokens, states " + (iterations + 1) + " × " + tokens);
        }
        this.lensTopk = b.lensTopk;
        this.logitLens = b.logitLens;
        if (logitLens != null) {
            checkLength(logitLens.entropy(), (iterations + 1) * tokens);
            checkLength(logitLens.kl(), (iterations + 1) * tokens);
            if (logitLens.tokens() != tokens || logitLens.topk() != null
                    && (logitLens.topk().steps() != iterations + 1 || logitLens.topk().tokens() != tokens)) {
                throw new IllegalArgumentException(source + ": the logit lens does not cover the states' " + (iterations + 1) + " steps × " + tokens + " tokens");
            }
        }
        this.exitLambda = checkLength(b.exitLambda, iterations * tokens);
        if (b.ids != null && b.ids.length != tokens) throw new IllegalArgumentException("ids has " + b.ids.length + " tokens, states " + tokens);
        this.ids = b.ids == null ? null : b.ids.clone();
        this.info = b.info;
        this.label = b.label;
        this.notes = List.copyOf(b.notes);
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            names.add(b.tokenStrings != null && b.tokenStrings.size() == tokens ? b.tokenStrings.get(t) : "#" + t);
        }
        this.tokenStrings = List.copyOf(names);
        this.finite = new boolean[(iterations + 1) * tokens];
        this.nonFinite = scanFinite();
    }

    private static float[] checkLength(float[] a, int n) {
        if (a != null && a.length != n) throw new IllegalArgumentException("array has " + a.length + " values, expected " + n);
        return a;
    }

    private List<NonFiniteStates> scanFinite() {
        List<List<Integer>> bad = new ArrayList<>();
        for (int t = 0; t < tokens; t++) bad.add(new ArrayList<>());
        for (int s = 0; s <= iterations; s++) {
            for (int t = 0; t < tokens; t++) {
                int o = (s * tokens + t) * hidden;
                boolean ok = true;
                for (int j = 0; j < hidden && ok; j++) ok = Float.isFinite(states[o + j]);
                finite[s * tokens + t] = ok;
                if (!ok) bad.get(t).add(s);
            }
        }
        List<NonFiniteStates> out = new ArrayList<>();
        for (int t = 0; t < tokens; t++) if (!bad.get(t).isEmpty()) out.add(new NonFiniteStates(t, bad.get(t)));
        return List.copyOf(out);
    }

    /** The generation this trace recorded (steps per position, generated ids, settings), or null for a prompt pass. */
    public Generated generation() {
        return generation;
    }

    /** Loop steps a token really ran: R for a prompt pass or a prompt position, its exit step for a generated one. */
    public int ranSteps(int token) {
        return generation == null ? iterations : Math.min(generation.stepsAt(token), iterations);
    }

    /** Where the data came from (a file name, or "trace" for an in-memory run). */
    public String source() {
        return source;
    }

    /** R: loop iterations recorded (there are R+1 states per token, s0 included). */
    public int iterations() {
        return iterations;
    }

    public int steps() {
        return iterations + 1;
    }

    public int tokens() {
        return tokens;
    }

    public int hidden() {
        return hidden;
    }

    /** The display string of a token (from meta.json, else "#index"). */
    public String token(int index) {
        return tokenStrings.get(index);
    }

    public List<String> tokenStrings() {
        return tokenStrings;
    }

    /** The prompt's token ids, or null when the source did not record them (then runs cannot be matched by prompt). */
    public long[] ids() {
        return ids == null ? null : ids.clone();
    }

    public boolean hasIds() {
        return ids != null;
    }

    /** The grouping label from meta.json, or null. */
    public String label() {
        return label;
    }

    /** The run description when the source had a readable meta.json, else null. */
    public RunInfo info() {
        return info;
    }

    /** What was missing or ignored while loading, and what therefore cannot be computed. */
    public List<String> notes() {
        return notes;
    }

    /** Tokens with NaN/Inf states, and at which steps; empty when all states are finite. */
    public List<NonFiniteStates> nonFinite() {
        return nonFinite;
    }

    public boolean isFinite(int step, int token) {
        return finite[step * tokens + token];
    }

    /** The first step whose state is not finite, or -1. */
    public int firstNonFiniteStep(int token) {
        for (int s = 0; s <= iterations; s++) if (!isFinite(s, token)) return s;
        return -1;
    }

    public boolean canNormalize() {
        return lnFWeight != null;
    }

    public double normEps() {
        return normEps;
    }

    /** NORMALIZED when ln_f_weight was recorded (the paper's view), else RAW. */
    public StateSpace defaultSpace() {
        return canNormalize() ? StateSpace.NORMALIZED : StateSpace.RAW;
    }

    /** Copies one state into {@code out} (length H) in the given space. */
    public void state(int step, int token, StateSpace space, double[] out) {
        int o = offset(step, token);
        if (space == StateSpace.NORMALIZED) {
            requireNormalizable();
            double ms = 0;
            for (int j = 0; j < hidden; j++) ms += (double) states[o + j] * states[o + j];
            double scale = 1 / Math.sqrt(ms / hidden + normEps);
            for (int j = 0; j < hidden; j++) out[j] = states[o + j] * scale * lnFWeight[j];
        } else {
            for (int j = 0; j < hidden; j++) out[j] = states[o + j];
        }
    }

    public double[] state(int step, int token, StateSpace space) {
        double[] out = new double[hidden];
        state(step, token, space, out);
        return out;
    }

    /** The same as {@link #state} into a float row of a larger matrix (for PCA's data matrix). */
    public void state(int step, int token, StateSpace space, float[] out, int outOffset) {
        int o = offset(step, token);
        if (space == StateSpace.NORMALIZED) {
            requireNormalizable();
            double ms = 0;
            for (int j = 0; j < hidden; j++) ms += (double) states[o + j] * states[o + j];
            double scale = 1 / Math.sqrt(ms / hidden + normEps);
            for (int j = 0; j < hidden; j++) out[outOffset + j] = (float) (states[o + j] * scale * lnFWeight[j]);
        } else {
            System.arraycopy(states, o, out, outOffset, hidden);
        }
    }

    /** One token's whole trajectory [R+1][H] in the given space. */
    public double[][] trajectory(int token, StateSpace space) {
        double[][] x = new double[iterations + 1][];
        for (int s = 0; s <= iterations; s++) x[s] = state(s, token, space);
        return x;
    }

    private int offset(int step, int token) {
        Objects.checkIndex(step, iterations + 1);
        Objects.checkIndex(token, tokens);
        return (step * tokens + token) * hidden;
    }

    private void requireNormalizable() {
        if (lnFWeight == null) {
            throw new IllegalStateException(source + " has no ln_f_weight, so the normalized space is not available; use --space raw");
        }
    }

    public boolean hasExitLambda() {
        return exitLambda != null;
    }

    /** The exit gate's λ at step 1..R (NaN at step 0 and past a generated position's exit). */
    public double exitLambda(int step, int token) {
        return step < 1 ? Double.NaN : exitLambda[(step - 1) * tokens + token];
    }

    public boolean hasLensKl() {
        return lensKl != null;
    }

    public boolean hasLensEntropy() {
        return lensEntropy != null;
    }

    public boolean hasLensMinpKl() {
        return lensMinpKl != null;
    }

    public boolean hasLensTop1() {
        return lensTopk != null;
    }

    /** The coda lens (the model's decode, which every lens curve above reads) as one record. */
    public LensTables codaLens() {
        return new LensTables(lensEntropy, lensKl, lensTopk, tokens);
    }

    /** The logit lens (ln_f → head, skipping the coda) when the source recorded it, or null. */
    public LensTables logitLens() {
        return logitLens;
    }

    /** The lens's recorded top-k ids (and probabilities, when the source had them), or null. */
    public TraceLens lensTopk() {
        return lensTopk;
    }

    /** KL(p_{i-1} ‖ p_i) of the logit lens in nats; requires {@link #hasLensKl()}. */
    public double lensKl(int step, int token) {
        return require(lensKl, "lens_kl")[step * tokens + token];
    }

    public double lensEntropy(int step, int token) {
        return require(lensEntropy, "lens_entropy")[step * tokens + token];
    }

    public double lensMinpKl(int step, int token) {
        return require(lensMinpKl, "min-p KL")[step * tokens + token];
    }

    public int lensTop1(int step, int token) {
        if (lensTopk == null) throw new IllegalStateException(source + " has no lens_topk_ids");
        return lensTopk.id(step, token, 0);
    }

    private float[] require(float[] a, String name) {
        if (a == null) throw new IllegalStateException(source + " has no " + name);
        return a;
    }

    @Override
    public String toString() {
        return "TraceData[" + source + ": R=" + iterations + ", S=" + tokens + ", H=" + hidden + "]";
    }

    /** Collects the parts of a trace; {@link TraceLoader} is the usual way in. */
    public static final class Builder {
        private final String source;
        private final int iterations, tokens, hidden;
        private final float[] states;
        private float[] lnFWeight, lensEntropy, lensKl, lensMinpKl;
        private TraceLens lensTopk;
        private LensTables logitLens;
        private long[] ids;
        private double normEps = 1e-6;
        private List<String> tokenStrings;
        private RunInfo info;
        private String label;
        private final List<String> notes = new ArrayList<>();
        private Generated generation;
        private float[] exitLambda;

        /** states: raw [R+1][S][H] in C order (not copied: hand over ownership; a generation's are rewritten in place). */
        public Builder(String source, int iterations, int tokens, int hidden, float[] states) {
            this.source = source;
            this.iterations = iterations;
            this.tokens = tokens;
            this.hidden = hidden;
            this.states = states;
        }

        public Builder lnFWeight(float[] w) { this.lnFWeight = w; return this; }
        public Builder normEps(double eps) { this.normEps = eps; return this; }
        public Builder lensEntropy(float[] a) { this.lensEntropy = a; return this; }
        public Builder lensKl(float[] a) { this.lensKl = a; return this; }
        public Builder lensMinpKl(float[] a) { this.lensMinpKl = a; return this; }
        public Builder lensTopk(TraceLens l) { this.lensTopk = l; return this; }
        public Builder logitLens(LensTables l) { this.logitLens = l; return this; }
        /** [R+1][S] argmax ids alone, for sources (and tests) without the rest of the top-k. */
        public Builder lensTop1(int[] a) { this.lensTopk = TraceLens.top1(iterations + 1, tokens, a); return this; }
        public Builder ids(long[] a) { this.ids = a; return this; }
        public Builder tokenStrings(List<String> t) { this.tokenStrings = t; return this; }
        public Builder info(RunInfo i) { this.info = i; return this; }
        public Builder label(String l) { this.label = l; return this; }
        public Builder note(String n) { this.notes.add(n); return this; }

        /** A generation's steps: states and lens past each position's exit are held at the exit ({@link ExitHold}). */
        public Builder generation(Generated g) { this.generation = g; return this; }
        /** [R][S] the exit gate's λ at steps 1..R. */
        public Builder exitLambda(float[] a) { this.exitLambda = a; return this; }

        public TraceData build() {
            if (generation != null) holdAfterExits();
            return new TraceData(this);
        }

        private void holdAfterExits() {
            int[] ran = generation.steps();
            if (ran.length != tokens) return; // the constructor reports the mismatch
            int steps = iterations + 1;
            for (int t = 0; t < tokens; t++) ran[t] = Math.max(0, Math.min(ran[t], iterations));
            System.arraycopy(ExitHold.held(states, steps, tokens, hidden, ran), 0, states, 0, states.length);
            if (lensEntropy != null) lensEntropy = ExitHold.held(lensEntropy, steps, tokens, 1, ran);
            if (lensKl != null) lensKl = ExitHold.still(lensKl, steps, tokens, ran);
            if (lensMinpKl != null) lensMinpKl = ExitHold.still(lensMinpKl, steps, tokens, ran);
            if (lensTopk != null) lensTopk = ExitHold.held(lensTopk, ran);
            notes.add("a generation: each generated position ran until its exit (" + generation.settings().exitCriterion()
                    + "); its state and lens after that step are held at the exit");
        }
    }
}
