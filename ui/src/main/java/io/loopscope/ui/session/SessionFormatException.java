package io.loopscope.ui.session;

import java.io.IOException;

/** A file that is not a session this LoopScope can read; the message says why, for the error dialog. */
public final class SessionFormatException extends IOException {
    public SessionFormatException(String message) {
        super(message);
    }

    public SessionFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
