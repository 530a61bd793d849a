package io.loopscope.inference.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with global-norm gradient clipping, updating parameters in place. Kept outside SameDiff so
 * its state (m, v, t) is plain arrays the checkpoint can save and a resume can restore exactly.
 */
final class Adam {
    private final double beta1, beta2, eps, clipNorm;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long t;

    Adam(double beta1, double beta2, double eps, double clipNorm) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.clipNorm = clipNorm;
    }

    /** One update of every parameter that has a gradient; returns the gradient norm before clipping. */
    double step(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        double sumSquares = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        double norm = Math.sqrt(sumSquares);
        double scale = norm > clipNorm ? clipNorm / norm : 1.0;
        t++;
        double correction1 = 1 - Math.pow(beta1, t), correction2 = 1 - Math.pow(beta2, t);
        for (Map.Entry<String, INDArray> entry : grads.entrySet()) {
            String name = entry.getKey();
            INDArray p = params.get(name);
            INDArray g = entry.getValue().mul(scale);
            INDArray mi = m.computeIfAbsent(name, k -> Nd4j.zerosLike(p));
            INDArray vi = v.computeIfAbsent(name, k -> Nd4j.zerosLike(p));
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denominator = Transforms.sqrt(vi.div(correction2), false).addi(eps);
            p.subi(mi.mul(lr / correction1).divi(denominator));
        }
        return norm;
    }

    long steps() {
        return t;
    }

    /** m and v as "m.NAME" / "v.NAME" arrays, for the checkpoint. */
    Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m." + k, a));
        v.forEach((k, a) -> out.put("v." + k, a));
        return out;
    }

    void restore(Map<String, INDArray> state, long steps) {
        m.clear();
        v.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("m.")) m.put(k.substring(2), a.dup('c'));
            else if (k.startsWith("v.")) v.put(k.substring(2), a.dup('c'));
        });
        this.t = steps;
    }
}
