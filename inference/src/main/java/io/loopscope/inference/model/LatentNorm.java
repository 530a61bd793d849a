package io.loopscope.inference.model;

import java.util.Objects;

/**
 * The RMSNorm between a raw loop state and the model's read-out (Huginn's ln_f): traces store it
 * so an analysis can look at states in the space the model itself reads them in.
 *
 * @param weight [H] the norm's gain
 * @param eps    its epsilon
 */
public record LatentNorm(float[] weight, double eps) {
    public LatentNorm {
        Objects.requireNonNull(weight, "weight");
        if (!(eps > 0) || !Double.isFinite(eps)) throw new IllegalArgumentException("norm eps must be a positive number, got " + eps);
        weight = weight.clone();
    }

    @Override
    public float[] weight() {
        return weight.clone();
    }
}
