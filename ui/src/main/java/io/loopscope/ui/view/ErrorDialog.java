package io.loopscope.ui.view;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CancellationException;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Errors for people: the message first (what went wrong, in the words of the code that knew), and
 * the technical details — exception types and stack trace — folded away under "Show Details".
 */
public final class ErrorDialog {
    private ErrorDialog() {
    }

    /** The user-facing message of a failure: the deepest cause's message when the outer one is a wrapper. */
    public static String message(Throwable t) {
        Throwable m = t;
        while (m.getCause() != null && (m.getMessage() == null || m.getMessage().startsWith(m.getCause().getClass().getName()))) {
            m = m.getCause();
        }
        if (m instanceof CancellationException) return "cancelled";
        String msg = m.getMessage();
        return msg == null || msg.isBlank() ? m.getClass().getSimpleName() : msg;
    }

    public static Alert create(Window owner, String title, Throwable t) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) alert.initOwner(owner);
        alert.setTitle("LoopScope — " + title);
        alert.setHeaderText(title);
        Label msg = new Label(message(t));
        msg.setId("errorMessage");
        msg.setWrapText(true);
        msg.setMaxWidth(560);
        alert.getDialogPane().setContent(msg);
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setId("errorDetails");
        details.setEditable(false);
        details.setPrefRowCount(14);
        details.setPrefColumnCount(80);
        VBox.setVgrow(details, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(new Label("Details (for a bug report):"), details));
        alert.getDialogPane().setExpanded(false);
        return alert;
    }

    /** Shows the dialog without blocking the caller (tasks report from event handlers). */
    public static void show(Window owner, String title, Throwable t) {
        create(owner, title, t).show();
    }
}
