package io.loopscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.ShippedModels;
import io.loopscope.inference.tasks.Tasks;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loopscope models}: every model this build ships, with its family and the eval it was shipped with. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the shipped models (--model NAME selects one anywhere): family, stabilisers and their eval at",
                "shipping time (accuracy after r iterations, in-distribution and on the harder held-out range)."})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print {\"models\": [{\"name\", \"family\", \"stabilisers\", \"eval\": {…}}]} instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ShippedModels.Model> models = ShippedModels.all();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(models));
            return 0;
        }
        if (models.isEmpty()) {
            out.println("this build ships no models; pass --model DIR");
            return 0;
        }
        List<String> tasks = Tasks.names();
        out.println("| model | family | stabilisers | r | " + String.join(" | ", tasks) + " | harder: " + String.join(" | ", tasks) + " |");
        out.println("|---|---|---|---:|" + "---:|".repeat(2 * tasks.size()));
        for (ShippedModels.Model m : models) {
            StringBuilder row = new StringBuilder("| " + m.name() + " | " + m.family() + " | "
                    + (m.stabilisers().isEmpty() ? "–" : String.join(", ", m.stabilisers())) + " | " + m.eval().iterations() + " |");
            for (Map<String, Double> range : List.of(m.eval().inDistribution(), m.eval().harder())) {
                for (String t : tasks) {
                    Double a = range.get(t);
                    row.append(a == null ? " – |" : String.format(Locale.ROOT, " %.2f |", a));
                }
            }
            out.println(row);
        }
        out.println("(eval: " + models.getFirst().eval().samples() + " held-out examples per task and range, measured when each model was shipped)");
        return 0;
    }

    static String toJson(List<ShippedModels.Model> models) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("models");
        for (ShippedModels.Model m : models) {
            ObjectNode o = list.addObject();
            o.put("name", m.name());
            o.put("family", m.family());
            ArrayNode s = o.putArray("stabilisers");
            m.stabilisers().forEach(s::add);
            o.put("description", m.description());
            ObjectNode e = o.putObject("eval");
            e.put("iterations", m.eval().iterations());
            e.put("samples", m.eval().samples());
            ObjectNode in = e.putObject("in_distribution"), harder = e.putObject("harder");
            m.eval().inDistribution().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(x -> in.put(x.getKey(), x.getValue()));
            m.eval().harder().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(x -> harder.put(x.getKey(), x.getValue()));
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
