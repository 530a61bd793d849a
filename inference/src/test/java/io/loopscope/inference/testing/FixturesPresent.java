package io.loopscope.inference.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link RequiresFixtures} classes only where the reference fixtures are found. */
public final class FixturesPresent implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Fixtures.present()
                ? ConditionEvaluationResult.enabled("reference fixtures found")
                : ConditionEvaluationResult.disabled("../shared/fixtures not found above " + java.nio.file.Path.of("").toAbsolutePath()
                        + ": the tests against the independent reference are skipped");
    }
}
