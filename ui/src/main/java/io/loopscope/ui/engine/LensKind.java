package io.loopscope.ui.engine;

/**
 * Which lens reads a state. The coda lens is the model's own decode; the logit lens skips the coda,
 * so the two disagree where the coda still has work to do — a published study of Huginn found them
 * reading very different things inside the block.
 */
public enum LensKind {
    CODA("Coda lens", "ln_f → coda → ln_f → head: the model's own decode"),
    LOGIT("Logit lens", "ln_f → head, skipping the coda");

    private final String title, path;

    LensKind(String title, String path) {
        this.title = title;
        this.path = path;
    }

    /** "Coda lens", for titles and the view's switch. */
    public String title() {
        return title;
    }

    /** What the lens computes, for tooltips and figure notes. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return title;
    }
}
