package io.loopscope.inference.checkpoint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a safetensors header may name. All of them have a known size, so a header's
 * byte ranges can be checked whatever the dtype; only the floating ones can become model weights.
 */
public enum SafetensorsDType {
    BOOL(1, false), U8(1, false), I8(1, false), F8_E5M2(1, false), F8_E4M3(1, false),
    I16(2, false), U16(2, false), F16(2, true), BF16(2, true),
    I32(4, false), U32(4, false), F32(4, true),
    I64(8, false), U64(8, false), F64(8, true);

    private final int bytes;
    private final boolean widensToFloat;

    SafetensorsDType(int bytes, boolean widensToFloat) {
        this.bytes = bytes;
        this.widensToFloat = widensToFloat;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether LoopScope can read this dtype into float32 weights (F32, F16, BF16; F64 narrowed). */
    public boolean readableAsFloat() {
        return widensToFloat;
    }

    /** The dtype spelled as in a header ("F32"), or empty for a name safetensors does not define. */
    public static Optional<SafetensorsDType> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    /** The dtypes that can be read as weights, for error messages. */
    public static String readableList() {
        return "F32, F16, BF16, F64";
    }
}
