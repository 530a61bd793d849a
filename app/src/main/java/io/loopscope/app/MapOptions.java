package io.loopscope.app;

import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Map options ({@code --exit-thresholds kl=1e-4,latent-diff=0.05}): picocli keeps the last value of a
 * repeated key, which would silently drop what the user typed first — so a repeated key is an error.
 */
final class MapOptions {
    private MapOptions() {
    }

    /** IllegalArgumentException naming the option and the key when a key of option name was given twice. */
    static void requireUniqueKeys(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) throw new IllegalStateException(spec.name() + " has no option " + name);
        Set<String> seen = new HashSet<>();
        for (String typed : option.stringValues()) {
            for (String pair : typed.split(",")) {
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
                if (!seen.add(key)) throw new IllegalArgumentException(name + " gives " + key + " twice; give each key once");
            }
        }
    }
}
