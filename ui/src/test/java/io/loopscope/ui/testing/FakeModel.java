package io.loopscope.ui.testing;

import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** A model with a character tokenizer over a-z and space; optionally slow (for Cancel). */
public final class FakeModel implements io.loopscope.ui.engine.LoadedModel {
    private final long millisPerStep;

    public FakeModel(long millisPerStep) {
        this.millisPerStep = millisPerStep;
    }

    @Override public String name() { return "fake"; }
    @Override public String description() { return "synthetic test model"; }
    @Override public boolean hasTokenizer() { return true; }

    @Override
    public long[] encode(String prompt) {
        if (prompt.isEmpty()) throw new IllegalArgumentException("the prompt is empty");
        long[] ids = new long[prompt.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = prompt.charAt(i);
            if (c != ' ' && (c < 'a' || c > 'z')) throw new IllegalArgumentException("'" + c + "' is not in the vocabulary (a-z and space)");
            ids[i] = c == ' ' ? 26 : c - 'a';
        }
        return ids;
    }

    @Override
    public String tokenString(long id) {
        return id == 26 ? " " : id < 26 ? String.valueOf((char) ('a' + id)) : "<" + id + ">";
    }

    @Override
    public Trace trace(TraceRequest request, List<String> tokenStrings, IntConsumer progress, BooleanSupplier cancelled) {
        for (int i = 0; i <= request.iterations(); i++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled at step " + i);
            if (millisPerStep > 0) {
                try {
                    Thread.sleep(millisPerStep);
                } catch (InterruptedException e) {
                    throw new CancellationException("interrupted");
                }
            }
            progress.accept(i);
        }
        long seed = request.init() instanceof io.loopscope.inference.model.StateInit.Random r ? r.seed() : 0;
        return SyntheticTrace.make(request.ids(), new ArrayList<>(tokenStrings), request.iterations(), 8, request.topK(), seed, name());
    }
}
