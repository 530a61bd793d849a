package io.loopscope.ui.engine;

/**
 * A generated token as it is chosen, before the run is done (the token strip shows it at once).
 *
 * @param index    0-based number among the generated tokens
 * @param id       its token id
 * @param text     how its chip reads
 * @param position the position whose logits chose it (the prompt's last one for token 0, else the token before it)
 * @param steps    the loop steps that position ran — the exit step of the token before this one
 */
public record StreamedToken(int index, long id, String text, int position, int steps) {
}
