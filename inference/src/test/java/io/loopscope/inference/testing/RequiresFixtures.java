package io.loopscope.inference.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class (or method) that checks the engine against ../shared/fixtures: in a clone without that folder
 * it is skipped with a message saying so, instead of failing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FixturesPresent.class)
public @interface RequiresFixtures {
}
