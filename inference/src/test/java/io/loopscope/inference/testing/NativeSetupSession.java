package io.loopscope.inference.testing;

import io.loopscope.inference.NativeSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies {@link NativeSetup} before any test runs, as the app's main does, so tests load the ND4J
 * build this CPU can run. Registered in META-INF/services, which the inference test-jar carries to
 * the tests of every module above it.
 */
public final class NativeSetupSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeSetup.apply();
    }
}
