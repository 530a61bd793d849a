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

    /** Accuracies in [0, 1], cross-validated over held-out folds; lensAccuracy: the model's own read-out there (NaN: not measured). */
    public record Point(int iteration, double accuracy, double controlAccuracy, double lensAccuracy) {
        public Point(int iteration, double accuracy, double controlAccuracy) {
            this(iteration, accuracy, controlAccuracy, Double.NaN);
        }
    }

    public ProbeCurve {
        points = List.copyOf(points);
        if (points.isEmpty()) throw new IllegalArgumentException("a probe curve needs at least one iteration");
        if (classes < 2) throw new IllegalArgumentException("a probe needs at least two classes, got " + classes);
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

    /** {"label": …, "classes": K, "chance": c, "iterations": [{"iteration": i, "accuracy": a, "control_accuracy": b}, …]}. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("label", label);
        root.put("classes", classes);
        root.put("chance", chance);
        ArrayNode its = root.putArray("iterations");
        for (Point p : points) {
            ObjectNode o = its.addObject();
            o.put("iteration", p.iteration());
            o.put("accuracy", p.accuracy());
            o.put("control_accuracy", p.controlAccuracy());
            if (!Double.isNaN(p.lensAccuracy())) o.put("lens_accuracy", p.lensAccuracy());
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
            points.add(new Point(o.path("iteration").asInt(), o.path("accuracy").asDouble(), number(o.path("control_accuracy")),
                    number(o.path("lens_accuracy"))));
        }
        int classes = root.path("classes").asInt();
        return new ProbeCurve(root.path("label").asText(), classes, root.path("chance").asDouble(1.0 / classes), points);
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
