package io.loopscope.inference.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Single .npy arrays through ND4J's npy codec, with errors that name the file. */
public final class Npy {
    private Npy() {
    }

    public static INDArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        return parse(file.toString(), Files.readAllBytes(file));
    }

    static INDArray parse(String name, byte[] bytes) throws IOException {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[2] != 'U' || bytes[3] != 'M'
                || bytes[4] != 'P' || bytes[5] != 'Y') {
            throw new IOException(name + " is not a .npy array (missing the \\x93NUMPY magic)");
        }
        try {
            return Nd4j.createNpyFromByteArray(bytes);
        } catch (RuntimeException e) {
            throw new IOException(name + " could not be read as a .npy array: " + e.getMessage(), e);
        }
    }
}
