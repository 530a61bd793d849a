package io.loopscope.ui.views;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.chart.HeatmapGrid;
import io.loopscope.ui.chart.LensCurves;
import io.loopscope.ui.chart.LensTable;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.ProbeResult;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.TrackedTokens;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.Figures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workbench's views, in tab order — the one registry: each constant is a view's id (in sessions
 * and demo files), its tab and menu title, its shortcut, its FXML and how it draws itself as figures
 * (File → Export → Current view, and a demo's tour figures). The tabs, the View menu, the shortcut
 * list, session files and demo files all read it, so a view is added by adding a constant here, and
 * a constant without its figures does not compile.
 */
public enum ViewType {
    TRAJECTORIES("trajectories", "Trajectories", "trajectories", "Shortcut+1", "Trajectories.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            return trajectories(q);
        }
    },
    HEATMAP("heatmap", "Convergence heatmap", "heatmap", "Shortcut+2", "Heatmap.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            return List.of(named(Figures.heatmap(HeatmapGrid.of(q.run()), q.tokens(), q.upTo(q.run()), q.style()), q.name()));
        }
    },
    METRICS("metrics", "Metrics", "metrics", "Shortcut+3", "Metrics.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            return List.of(named(Figures.metrics(MetricsData.of(q.run(), q.tokens(), q.criterion(), q.threshold()), q.style()), q.name()));
        }
    },
    /** The table on screen, drawn for a paper as curves: each top guess's probability over the steps. */
    LENS("lens", "Lens", "lens", "Shortcut+4", "Lens.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            List<Integer> tokens = q.focus() >= 0 && q.focus() < q.run().tokens() ? List.of(q.focus()) : q.tokens();
            String base = q.name() == null ? "lens" : q.name();
            List<Figure> out = new ArrayList<>();
            for (int t : tokens) {
                LensCurves lens = lensCurves(q, t);
                String name = tokens.size() == 1 ? base : base + "-" + t;
                // a run without lens probabilities has no curves: its token's trajectory stands in
                if (!lens.curves().isEmpty()) out.add(Figures.lens(lens, q.upTo(q.run()), q.style()).withName(name));
                else if (drawable(q.run(), q.pair())) out.add(Figures.trajectory(Planes.plane(q.run(), q.pair(), List.of(t)), q.upTo(q.run()), q.style()).withName(name));
            }
            return out;
        }
    },
    /**
     * Where tracked tokens rank under both lenses at every step: the chart on screen, or headless (a
     * demo's tour) each token's default tracked tokens at the block output.
     */
    RANKS("ranks", "Ranks", "ranks", "Shortcut+5", "Ranks.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            if (q.ranks() != null) return List.of(named(Figures.ranks(q.ranks(), q.upTo(q.run()), q.style()), q.name()));
            List<Integer> tokens = q.focus() >= 0 && q.focus() < q.run().tokens() ? List.of(q.focus()) : q.tokens();
            String base = q.name() == null ? "ranks" : q.name();
            List<Figure> out = new ArrayList<>();
            for (int t : tokens) {
                long[] ids = TrackedTokens.defaults(q.run(), t);
                RankTrajectories ranks;
                try {
                    ranks = q.run().ranks(ids, () -> false);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    continue; // a generation, or a run loaded without its model: the view says why, a figure set just has none
                }
                Figure f = Figures.ranks(RankChartData.of(q.run(), ranks, t, ids, RankTrajectories.BLOCK_OUTPUT), q.upTo(q.run()), q.style());
                out.add(f.withName(tokens.size() == 1 ? base : base + "-" + t));
            }
            return out;
        }
    },
    /** The 3-D scene is not a chart: its figure is the trajectories'. */
    WATERFALL("waterfall", "Waterfall 3-D", "waterfall", "Shortcut+6", "Waterfall.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            return trajectories(q);
        }
    },
    /** Run A and, once it ran, run B (in A's PCA frame when it has one), in Compare's plane. */
    COMPARE("compare", "Compare runs", "compare", "Shortcut+7", "Compare.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            PcPair p = q.comparePair();
            if (!drawable(q.run(), p)) return List.of();
            Figure a = Figures.trajectory(Planes.plane(q.run(), p, q.tokens()), q.upTo(q.run()), q.style());
            RunResult b = q.runB();
            if (b == null || !drawable(b, p)) return List.of(named(a, q.name()));
            List<Integer> tb = q.tokens().stream().filter(t -> t < b.tokens()).toList();
            Figure fb = Figures.trajectory(Planes.plane(b, p, tb), q.upTo(b), q.style());
            String base = q.name() == null ? "compare" : q.name();
            return List.of(a.withName(base + "-a"), fb.withName(base + "-b"));
        }
    },
    /** After Generate: the iterations each generated token ran (a Run has none, so no figure). */
    STEPS("steps", "Steps per token", "steps per token", "Shortcut+8", "Steps.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            GeneratedSteps steps = GeneratedSteps.of(q.run());
            if (steps == null || steps.bars().isEmpty()) return List.of();
            return List.of(named(Figures.steps(steps, q.tokens(), q.style()), q.name()));
        }
    },
    /** A linear probe per iteration over a set of prompts (not the run's): no figure until one ran. */
    PROBES("probes", "Probes", "probes", "Shortcut+9", "Probes.fxml") {
        @Override
        public List<Figure> figures(FigureRequest q) {
            if (q.probe() == null) return List.of();
            Figure f = q.probeView() == null ? Figures.probe(q.probe(), q.style()) : Figures.probe(q.probe(), q.probeView(), q.style());
            return List.of(named(f, q.name()));
        }
    };

    /**
     * The curves the lens figure of token t draws: the table on screen when t is the focused token
     * (its lens at the core layer chosen there), else the run's own lens of the requested kind.
     */
    public static LensCurves lensCurves(FigureRequest q, int t) {
        return q.lensOnScreen() != null && t == q.focus() ? LensCurves.of(q.lensOnScreen()) : LensCurves.of(q.run(), t, q.lens());
    }

    /**
     * What a view's figures show.
     *
     * @param run       the run (run A)
     * @param runB      Compare's run B as drawn (in A's frame when it has one), or null
     * @param tokens    the selected tokens
     * @param focus     the focused token (the lens draws only it), or -1 for every selected token
     * @param step      the step shown, -1 for each run's last
     * @param criterion exit criterion of the metrics' markers
     * @param threshold its threshold
     * @param pair      the trajectories' PC plane
     * @param comparePair Compare's PC plane
     * @param paperPanels the trajectories as the paper's three panels instead of one plane
     * @param lens      the lens the lens view shows
     * @param ranks     the ranks view's chart as on screen, or null to draw each token's default tracked tokens
     * @param style     light or dark
     * @param name      the figures' file name (several get "-a", "-b" or "-token" after it); null: their own names
     * @param probe     the Probes view's last probe, or null
     * @param lensOnScreen the Lens view's table of the focused token as shown (its lens kind and core layer), or null
     * @param probeView the Probes view's curve choice, or null for the result's default
     */
    public record FigureRequest(RunResult run, RunResult runB, List<Integer> tokens, int focus, int step, ExitCriterion criterion,
                                double threshold, PcPair pair, PcPair comparePair, boolean paperPanels, LensKind lens,
                                RankChartData ranks, ChartStyle style, String name, ProbeResult probe, LensTable lensOnScreen,
                                io.loopscope.ui.chart.ProbeLayerView probeView) {
        /** Without what the Lens and Probes views show on screen: their figures are drawn as a headless run has them. */
        public FigureRequest(RunResult run, RunResult runB, List<Integer> tokens, int focus, int step, ExitCriterion criterion,
                             double threshold, PcPair pair, PcPair comparePair, boolean paperPanels, LensKind lens,
                             RankChartData ranks, ChartStyle style, String name, ProbeResult probe) {
            this(run, runB, tokens, focus, step, criterion, threshold, pair, comparePair, paperPanels, lens, ranks, style, name, probe,
                    null, null);
        }

        public FigureRequest {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(lens, "lens");
            tokens = tokens.stream().filter(t -> t >= 0 && t < run.tokens()).toList();
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(comparePair, "comparePair");
            Objects.requireNonNull(style, "style");
        }

        /** Without a probe: what demos and the figure set draw. */
        public FigureRequest(RunResult run, RunResult runB, List<Integer> tokens, int focus, int step, ExitCriterion criterion,
                             double threshold, PcPair pair, PcPair comparePair, boolean paperPanels, LensKind lens,
                             RankChartData ranks, ChartStyle style, String name) {
            this(run, runB, tokens, focus, step, criterion, threshold, pair, comparePair, paperPanels, lens, ranks, style, name, null);
        }

        /** The step drawn in r: the request's, capped at r's end; "the last" (-1) is r's own end, so a longer run B is drawn whole. */
        public int upTo(RunResult r) {
            return upTo(step, r);
        }

        /** Step in r: capped at its end, -1 its end. */
        public static int upTo(int step, RunResult r) {
            return step < 0 ? r.iterations() : Math.min(step, r.iterations());
        }
    }

    private final String id, title, shortName, accelerator, fxml;

    ViewType(String id, String title, String shortName, String accelerator, String fxml) {
        this.id = id;
        this.title = title;
        this.shortName = shortName;
        this.accelerator = accelerator;
        this.fxml = fxml;
    }

    /** The view's figures; empty when it has nothing to draw for this run (steps per token of a Run). */
    public abstract List<Figure> figures(FigureRequest q);

    /** The id in session and demo files, e.g. "heatmap". */
    public String id() { return id; }

    /** The tab's and the View menu's text, e.g. "Convergence heatmap". */
    public String title() { return title; }

    /** In running text, e.g. "heatmap" (the shortcut list). */
    public String shortName() { return shortName; }

    /** The View menu accelerator, in KeyCombination syntax ("Shortcut+2"). */
    public String accelerator() { return accelerator; }

    /** The accelerator as the shortcut list writes it ("Ctrl+2"). */
    public String shortcutLabel() { return accelerator.replace("Shortcut", "Ctrl"); }

    /** The view's FXML, next to MainWindow.fxml. */
    public String fxml() { return fxml; }

    /** Its id: what demo listings print. */
    @Override
    public String toString() {
        return id;
    }

    /** The view of an id, if there is one. */
    public static Optional<ViewType> find(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /** The view of an id; IllegalArgumentException naming the views otherwise. */
    public static ViewType byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown view '" + id + "'; views: " + ids()));
    }

    /** Every id, in tab order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ViewType::id).toList();
    }

    /** One plane, or the paper's panels (one plane when the run has components for only one); none without a plane to draw. */
    private static List<Figure> trajectories(FigureRequest q) {
        List<PcPair> pairs = q.paperPanels() ? Planes.paperPairs(q.run().analysis().components()) : List.of(q.pair());
        List<PlaneData> planes = new ArrayList<>();
        for (PcPair p : pairs) if (drawable(q.run(), p)) planes.add(Planes.plane(q.run(), p, q.tokens()));
        if (planes.isEmpty()) return List.of();
        Figure f = planes.size() == 1 ? Figures.trajectory(planes.getFirst(), q.upTo(q.run()), q.style()) : Figures.panels(planes, q.upTo(q.run()), q.style());
        return List.of(named(f, q.name()));
    }

    /** Whether r has the principal components of plane p (a PCA needs at least two). */
    private static boolean drawable(RunResult r, PcPair p) {
        return r.analysis().components() > Math.max(p.x(), p.y());
    }

    private static Figure named(Figure f, String name) {
        return name == null ? f : f.withName(name);
    }
}
