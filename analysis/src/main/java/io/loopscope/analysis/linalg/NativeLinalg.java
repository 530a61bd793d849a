package io.loopscope.analysis.linalg;

import io.loopscope.inference.NativeSetup;
import java.lang.invoke.MethodHandles;

/**
 * The one door to Smile's native linear algebra: BLAS and LAPACK (OpenBLAS) and ARPACK, which Smile 6
 * calls through FFM. Every linalg class that uses them calls {@link #require()} first.
 *
 * <p>Smile opens the libraries by unversioned names — {@code System.mapLibraryName} of the property
 * {@code smile.lib.blas} / {@code smile.lib.lapack} (default {@code openblas}: {@code libopenblas.so})
 * and the fixed {@code libarpack.so} — through {@code SymbolLookup.libraryLookup}, that is
 * {@code dlopen} of the bare name, so only the dynamic linker's own search finds them
 * ({@code java.library.path} plays no part). Debian and Ubuntu ship these names in
 * {@code libopenblas-dev} and {@code libarpack2-dev}; {@code ./loopscope}, {@code ./test.sh} (so CI) and
 * the .deb install them ({@code scripts/native-libs.sh}). Without them this fails with
 * {@link #MISSING_HINT}, once per process, instead of a bare {@code NoClassDefFoundError}.
 */
public final class NativeLinalg {
    /** What the error says to do. */
    public static final String MISSING_HINT = "install them (Debian/Ubuntu: sudo apt-get install libopenblas-dev libarpack2-dev; "
            + "./loopscope and ./test.sh do so themselves when run as root)";
    private static final Class<?>[] BINDINGS = {smile.linalg.blas.cblas_h.class, smile.linalg.lapack.clapack_h.class, smile.linalg.arpack.arpack_h.class};
    private static boolean ready;
    private static String failure;

    private NativeLinalg() {
    }

    /**
     * Loads the native libraries on first use; throws {@link IllegalStateException} naming the library
     * that could not be opened and how to install it.
     */
    public static synchronized void require() {
        if (ready) return;
        if (failure != null) throw new IllegalStateException(failure);
        NativeSetup.loadBackend(); // before Smile's OpenBLAS: see loadBackend
        for (Class<?> binding : BINDINGS) {
            try {
                MethodHandles.lookup().ensureInitialized(binding); // runs the static initialiser that opens the library
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot initialise " + binding.getName(), e);
            } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                failure = "PCA and the motif features use Smile's native linear algebra, which could not load: " + reason(e) + "; " + MISSING_HINT;
                throw new IllegalStateException(failure, e);
            }
        }
        ready = true;
    }

    /** "Cannot open library: libarpack.so", as the binding's static initialiser said it. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) return t.getMessage();
        }
        return String.valueOf(e);
    }
}
