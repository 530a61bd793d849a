package io.loopscope.ui.engine;

import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The model of a run that was loaded rather than run (a session file, a trace from the command line):
 * it can spell the token ids the run recorded, but cannot run again. Ids it was not told about read
 * "#id", as models without a tokenizer show them.
 */
public record TraceOnlyModel(String name, String description, Map<Long, String> vocabulary) implements LoadedModel {

    public TraceOnlyModel {
        vocabulary = Map.copyOf(vocabulary);
    }

    @Override
    public boolean hasTokenizer() {
        return false;
    }

    @Override
    public long[] encode(String prompt) {
        throw new IllegalArgumentException("this run was loaded from a file; open its model to run new prompts");
    }

    @Override
    public String tokenString(long id) {
        String s = vocabulary.get(id);
        return s == null ? "#" + id : s;
    }

    @Override
    public Trace trace(TraceRequest request, List<String> tokenStrings, IntConsumer progress, BooleanSupplier cancelled) {
        throw new IllegalStateException("this run was loaded from a file; open its model to run it again");
    }

    @Override
    public Trace generate(GenerationRequest request, GenerationListener listener, BooleanSupplier cancelled) {
        throw new IllegalStateException("this run was loaded from a file; open its model to generate again");
    }

    @Override
    public Trace.Ranks ranks(Trace trace, long[] ids, boolean layers, BooleanSupplier cancelled) {
        throw new IllegalStateException("this run was opened from a file without its model, and ranks are read by the model from the"
                + " recorded states: run the prompt again to read them");
    }
}
