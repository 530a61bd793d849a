package io.loopscope.inference.io;

/** The .npy element types LoopScope reads: little- or big-endian floats, integers and booleans. */
enum NpyDtype {
    FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8),
    INT8('i', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8),
    UINT8('u', 1), UINT16('u', 2), UINT32('u', 4),
    BOOL('b', 1);

    private final char kind;
    private final int size;

    NpyDtype(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    int size() {
        return size;
    }

    boolean isFloat() {
        return kind == 'f';
    }

    /** A descr such as '<f4', '>i8' or '|b1'; anything else is named and refused. */
    static NpyDtype of(String file, String descr) throws java.io.IOException {
        if (descr.length() >= 2 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            char kind = descr.charAt(1);
            String digits = descr.substring(2);
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                int size = Integer.parseInt(digits);
                for (NpyDtype t : values()) if (t.kind == kind && t.size == size) return t;
            }
            String what = switch (descr.charAt(1)) {
                case 'O' -> "Python objects";
                case 'U' -> "unicode strings";
                case 'S', 'a' -> "byte strings";
                case 'c' -> "complex numbers";
                case 'V' -> "raw records";
                case 'M', 'm' -> "dates or time spans";
                default -> "an unsupported element type";
            };
            throw new java.io.IOException(file + " holds " + what + " (dtype '" + descr + "'), not numbers LoopScope reads"
                    + " (float16/32/64, int8–64, uint8–32, bool)");
        }
        throw new java.io.IOException(file + " has a .npy dtype LoopScope cannot read: '" + descr + "' (structured or unknown)");
    }
}
