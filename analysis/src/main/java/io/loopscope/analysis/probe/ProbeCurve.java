package io.loopscope.analysis.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How linearly decodable a label is from the state at each iteration: held-out accuracy of the probe,
 * beside the same probe on a control task (every example a random label from the same classes),
 * which must sit at chance — else the probe memorises rather than reads.
 *
 * @param label   what was predicted ("answer", "running", "hop", or "iteration": then a point's accuracy is
 *                the held-out recall of that iteration's states)
 * @param classes K, the number of distinct labels
 * @param chance  1/K, what guessing gets on the control task
 * @param points  one per iteration 0..R (iteration 0 is s_0: the probe before any thinking)
 */
public record ProbeCurve(String label, int classes, double chance, List<Point> points) {

    /**
     * Accuracies in [0, 1], cross-validated over held-out folds; lensAccuracy: the model's own read-out there
     * (NaN: not measured); layers: the same probe on each loop layer's output at this iteration (empty when
     * no layer was probed, and at iteration 0: s_0 comes out of no layer).
     */
    public record Point(int iteration, double accuracy, double controlAccuracy, double lensAccuracy, List<LayerPoint> layers) {
        public Point {
            layers = List.copyOf(layers);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (LayerPoint l : layers) {
                if (!seen.add(l.layer())) throw new IllegalArgumentException("iteration " + iteration + " lists layer " + l.layer() + " twice");
            }
        }

        public Point(int iteration, double accuracy, double controlAccuracy, double lensAccuracy) {
            this(iteration, accuracy, controlAccuracy, lensAccuracy, List.of());
        }

        public Point(int iteration, double accuracy, double controlAccuracy) {
            this(iteration, accuracy, controlAccuracy, Double.NaN);
        }

        /** The probe on loop layer j here, if it was fitted. */
        public java.util.Optional<LayerPoint> layer(int j) {
            return layers.stream().filter(l -> l.layer() == j).findFirst();
        }
    }

    /** The probe on one loop layer's output (0-based, as in layer_states) at one iteration. */
    public record LayerPoint(int layer, double accuracy, double controlAccuracy) {
        public LayerPoint {
            if (layer < 0) throw new IllegalArgumentException("loop layers count from 0, got layer " + layer);
        }
    }

    public ProbeCurve {
        points = List.copyOf(points);
        if (points.isEmpty()) throw new IllegalArgumentException("a probe curve needs at least one iteration");
        if (classes < 2) throw new IllegalArgumentException("a probe needs at least two classes, got " + classes);
        List<Integer> layers = null;
        for (Point p : points) {
            if (p.layers().isEmpty()) continue;
            if (p.iteration() == 0) throw new IllegalArgumentException("iteration 0 is s_0, which no loop layer made: it has no layer probes");
            List<Integer> here = p.layers().stream().map(LayerPoint::layer).toList();
            if (layers == null) layers = here;
            else if (!layers.equals(here)) {
                throw new IllegalArgumentException("iteration " + p.iteration() + " probes layers " + here + " but an earlier one " + layers);
            }
        }
        if (layers != null) {
            for (Point p : points) {
                if (p.iteration() > 0 && p.layers().isEmpty()) throw new IllegalArgumentException("iteration " + p.iteration() + " lacks the layer probes");
            }
        }
    }

    /** The loop layers probed beside the block output, in order (empty: none). */
    public List<Integer> layers() {
        return points.stream().filter(p -> !p.layers().isEmpty()).findFirst().map(p -> p.layers().stream().map(LayerPoint::layer).toList())
                .orElse(List.of());
    }

    public boolean hasLayers() {
        return !layers().isEmpty();
    }

    /**
     * This curve with the layer probes of iterations 1..R added (perIteration.get(i − 1) for iteration i;
     * iteration 0 has none).
     */
    public ProbeCurve withLayers(List<List<LayerPoint>> perIteration) {
        if (perIteration.size() != points.size() - 1) {
            throw new IllegalArgumentException("layer probes for " + perIteration.size() + " iterations, but the curve has iterations 1.."
                    + (points.size() - 1));
        }
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            out.add(new Point(p.iteration(), p.accuracy(), p.controlAccuracy(), p.lensAccuracy(),
                    p.iteration() == 0 ? List.of() : perIteration.get(p.iteration() - 1)));
        }
        return new ProbeCurve(label, classes, chance, out);
    }

    /** The first iteration at which loop layer j's probe reaches level, or -1. */
    public int firstReaching(int layer, double level) {
        for (Point p : points) {
            if (p.layer(layer).map(l -> l.accuracy() >= level).orElse(false)) return p.iteration();
        }
        return -1;
    }

    /** The highest control accuracy of any layer probe (NaN for none). */
    public double maxLayerControl() {
        return points.stream().flatMap(p -> p.layers().stream()).mapToDouble(LayerPoint::controlAccuracy).filter(a -> !Double.isNaN(a))
                .max().orElse(Double.NaN);
    }

    /** The first iteration whose accuracy reaches level, or -1. */
    public int firstReaching(double level) {
        for (Point p : points) if (p.accuracy() >= level) return p.iteration();
        return -1;
    }

    /** The point of highest accuracy (the earliest of equals). */
    public Point best() {
        Point best = points.getFirst();
        for (Point p : points) if (p.accuracy() > best.accuracy()) best = p;
        return best;
    }

    /** The first iteration whose lens accuracy reaches level, or -1 (also when the lens was not measured, as for the iteration probe). */
    public int firstLensReaching(double level) {
        for (Point p : points) if (p.lensAccuracy() >= level) return p.iteration();
        return -1;
    }

    /** Whether any point carries the lens's accuracy. */
    public boolean hasLens() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.lensAccuracy()));
    }

    /** The control task's highest accuracy over the iterations (NaN for none): how far above chance memorising gets. */
    public double maxControl() {
        return points.stream().mapToDouble(Point::controlAccuracy).filter(a -> !Double.isNaN(a)).max().orElse(Double.NaN);
    }

    /**
     * {"label": …, "classes": K, "chance": c, "iterations": [{"iteration": i, "accuracy": a, "control_accuracy": b}, …]}; with
     * layer probes each iteration also has "layers": [{"layer": j, "accuracy": a, "control_accuracy": b}, …] (empty at 0).
     */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("label", label);
        root.put("classes", classes);
        root.put("chance", chance);
        ArrayNode its = root.putArray("iterations");
        boolean layered = hasLayers();
        for (Point p : points) {
            ObjectNode o = its.addObject();
            o.put("iteration", p.iteration());
            o.put("accuracy", p.accuracy());
            o.put("control_accuracy", p.controlAccuracy());
            if (!Double.isNaN(p.lensAccuracy())) o.put("lens_accuracy", p.lensAccuracy());
            if (layered) {
                ArrayNode ls = o.putArray("layers");
                for (LayerPoint l : p.layers()) {
                    ObjectNode lo = ls.addObject();
                    lo.put("layer", l.layer());
                    lo.put("accuracy", l.accuracy());
                    lo.put("control_accuracy", l.controlAccuracy());
                }
            }
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} writes; IllegalArgumentException naming what is missing. */
    public static ProbeCurve fromJson(JsonNode root) {
        if (!root.path("label").isTextual()) throw new IllegalArgumentException("a probe curve needs a \"label\"");
        if (!root.path("classes").canConvertToInt()) throw new IllegalArgumentException("a probe curve needs \"classes\"");
        JsonNode its = root.path("iterations");
        if (!its.isArray() || its.isEmpty()) throw new IllegalArgumentException("a probe curve needs \"iterations\"");
        List<Point> points = new ArrayList<>();
        for (JsonNode o : its) {
            if (!o.path("iteration").canConvertToInt() || !o.path("accuracy").isNumber()) {
                throw new IllegalArgumentException("a probe curve's iteration needs \"iteration\" and \"accuracy\", got " + o);
            }
            List<LayerPoint> layers = new ArrayList<>();
            JsonNode ls = o.path("layers");
            if (!ls.isMissingNode() && !ls.isArray()) throw new IllegalArgumentException("a probe curve's \"layers\" must be a list, got " + ls);
            for (JsonNode l : ls) {
                if (!l.path("layer").canConvertToInt() || !l.path("accuracy").isNumber()) {
                    throw new IllegalArgumentException("a probe curve's layer needs \"layer\" and \"accuracy\", got " + l);
                }
                layers.add(new LayerPoint(l.path("layer").asInt(), l.path("accuracy").asDouble(), number(l.path("control_accuracy"))));
            }
            points.add(new Point(o.path("iteration").asInt(), o.path("accuracy").asDouble(), number(o.path("control_accuracy")),
                    number(o.path("lens_accuracy")), layers));
        }
        int classes = root.path("classes").asInt();
        return new ProbeCurve(root.path("label").asText(), classes, root.path("chance").asDouble(1.0 / classes), points);
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
