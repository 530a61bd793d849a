package io.loopscope.ui.engine;

import io.loopscope.analysis.probe.Probe;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.trace.RankReplay;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Opens Huginn-format model folders through the engine's {@link ModelHandle}. Loaded models are kept
 * (by folder), because switching back and forth between two models in Compare must not reload
 * checkpoints each time.
 */
public final class HuginnModelLoader implements ModelLoader {
    private final Supplier<Path> embeddedDirectory;
    private final String version;
    private final Map<Path, LoadedModel> cache = new ConcurrentHashMap<>();

    /**
     * @param embeddedDirectory where the shipped model lives (null result or exception: none available)
     * @param version           the LoopScope version written into traces
     */
    public HuginnModelLoader(Supplier<Path> embeddedDirectory, String version) {
        this.embeddedDirectory = embeddedDirectory;
        this.version = version;
    }

    @Override
    public boolean hasEmbeddedModel() {
        try {
            return embeddedDirectory.get() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public LoadedModel load(ModelRef ref) throws Exception {
        return load(ref, f -> { }, () -> false);
    }

    /** A cancelled load leaves nothing cached: the next run reads the folder again. */
    @Override
    public LoadedModel load(ModelRef ref, java.util.function.DoubleConsumer progress, java.util.function.BooleanSupplier cancelled) throws Exception {
        Path dir = ref.embedded() ? embeddedDirectory.get() : ref.directory();
        if (dir == null) throw new IllegalStateException("this build of LoopScope has no embedded model; open a model folder instead");
        Path key = dir.toAbsolutePath().normalize();
        LoadedModel cached = cache.get(key);
        if (cached != null) return cached;
        ModelHandle handle = ModelHandle.open(key, new io.loopscope.inference.checkpoint.LoadListener() {
            @Override
            public void read(long bytesRead, long bytesTotal) {
                progress.accept(bytesTotal == 0 ? 1 : bytesRead / (double) bytesTotal);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        LoadedModel model = new HandleModel(handle, ref.embedded() ? RunInfo.EMBEDDED : handle.name(), version);
        cache.put(key, model);
        return model;
    }

    /** Only the tokenizer.json: spelling a trace's ids is no reason to load its weights. */
    @Override
    public TraceTokenizer tokenizerOf(RunInfo info) {
        return TraceTokenizer.of(info, embeddedDirectory);
    }

    /** A {@link ModelHandle} seen through the workbench's {@link LoadedModel}. */
    private record HandleModel(ModelHandle handle, String name, String version) implements LoadedModel {

        @Override
        public String description() {
            return handle.model().describe() + (handle.tokenizer().isPresent() ? "" : " · no tokenizer (prompt = ids)");
        }

        @Override
        public boolean hasTokenizer() {
            return handle.tokenizer().isPresent();
        }

        @Override
        public long[] encode(String prompt) {
            if (!hasTokenizer()) return PromptIds.parse(prompt, handle.model().vocab());
            if (prompt == null || prompt.isEmpty()) throw new IllegalArgumentException("the prompt is empty; type some text first");
            return handle.encode(prompt);
        }

        @Override
        public String tokenString(long id) {
            return handle.tokenString(id);
        }

        @Override
        public List<String> tokenStrings(long[] ids) {
            return handle.tokenStrings(ids);
        }

        @Override
        public Trace trace(TraceRequest request, List<String> tokenStrings, IntConsumer progress, BooleanSupplier cancelled) {
            return Tracer.run(subject(), request, tokenStrings, version, progress, cancelled);
        }

        @Override
        public Set<Long> endTokenIds() {
            return handle.endTokenIds();
        }

        @Override
        public String decode(long[] ids) {
            return hasTokenizer() ? handle.decode(ids) : LoadedModel.super.decode(ids);
        }

        @Override
        public Trace generate(GenerationRequest request, GenerationListener listener, BooleanSupplier cancelled) {
            return Generator.run(subject(), request, handle::tokenString, version, listener, cancelled);
        }

        @Override
        public Trace.Ranks ranks(Trace trace, long[] ids, boolean layers, BooleanSupplier cancelled) {
            return RankReplay.of(handle.model(), trace, ids, layers, cancelled);
        }

        @Override
        public io.loopscope.inference.trace.RecordedLens.Lenses layerLens(Trace trace, int layer, BooleanSupplier cancelled) {
            return io.loopscope.inference.trace.RecordedLens.layerLens(handle.model(), trace, layer, trace.lensTopkIds().shape()[2], cancelled);
        }

        @Override
        public ProbeCurve probe(ProbeSettings settings, ProbeSet set, IntConsumer progress, BooleanSupplier cancelled) {
            return Probe.run(handle, settings, set, progress, cancelled);
        }

        @Override
        public int probeLayers(ProbeSettings settings) {
            return Probe.layers(handle.model(), settings).length;
        }

        /** The engine's subject under the workbench's name for it ("embedded" wherever it was unpacked). */
        private Tracer.Subject subject() {
            Tracer.Subject s = handle.subject();
            return new Tracer.Subject(s.model(), name, s.path());
        }
    }
}
