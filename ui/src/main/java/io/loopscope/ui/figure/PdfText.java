package io.loopscope.ui.figure;

import java.awt.Graphics2D;
import java.text.AttributedCharacterIterator;
import org.jfree.pdf.PDFHints;

/**
 * OrsonPDF writes text with the PDF standard fonts, which it encodes as ASCII only: "‖s_i − s*‖" or a
 * token "é" would come out as question marks, and it does not escape parentheses. This Graphics2D
 * passes everything through to the PDF graphics, except that a string it cannot write as PDF text is
 * drawn as vector glyph outlines of the same font — still vectors, never a bitmap, and the label
 * reads as on screen. Plain labels (tick numbers, axis titles, token labels) stay real, searchable text.
 */
final class PdfText extends Graphics2D {
    private final Graphics2D g;

    private PdfText(Graphics2D g) {
        this.g = g;
    }

    static void prepare(Graphics2D pdf) {
        pdf.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_STANDARD);
    }

    static Graphics2D wrap(Graphics2D pdf) {
        return pdf instanceof PdfText ? pdf : new PdfText(pdf);
    }

    /** Whether the PDF's standard-font text can carry this character. */
    static boolean plain(char c) {
        return c >= 32 && c < 127;
    }

    @Override
    public void drawString(String s, float x, float y) {
        if (s == null || s.isEmpty()) return;
        boolean allText = true;
        for (boolean t : textable(s)) allText &= t;
        if (allText) {
            g.drawString(s, x, y);
            return;
        }
        // The whole string as outlines, not just the odd characters: the PDF viewer sets text in
        // Helvetica, narrower than the Java font jfreechart measured with, so mixing text runs and
        // outline runs left visible gaps inside a label.
        g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        try {
            g.drawString(s, x, y);
        } finally {
            g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        }
    }

    /**
     * Which characters can go into a PDF text string as OrsonPDF writes it: printable ASCII — except
     * that it does not escape parentheses or backslashes, which PDF strings only tolerate as balanced
     * pairs. A run with unbalanced parentheses ("KL(p_i" once "−" is cut out) would end the string
     * early and spill into the page's operators, so such runs draw their parentheses as outlines.
     */
    static boolean[] textable(String s) {
        boolean[] t = new boolean[s.length()];
        for (int i = 0; i < s.length(); i++) t[i] = plain(s.charAt(i));
        int start = 0;
        while (start < s.length()) {
            if (!t[start]) {
                start++;
                continue;
            }
            int end = start;
            int depth = 0;
            boolean safe = true;
            while (end < s.length() && t[end]) {
                char c = s.charAt(end);
                if (c == '\\') safe = false;
                if (c == '(') depth++;
                if (c == ')' && --depth < 0) safe = false;
                end++;
            }
            if (depth != 0) safe = false;
            if (!safe) for (int i = start; i < end; i++) if ("()\\".indexOf(s.charAt(i)) >= 0) t[i] = false;
            start = end;
        }
        return t;
    }

    @Override
    public void drawString(String s, int x, int y) {
        drawString(s, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, float x, float y) {
        StringBuilder s = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) s.append(c);
        drawString(s.toString(), x, y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, int x, int y) {
        drawString(it, (float) x, (float) y);
    }

    @Override
    public java.awt.Graphics create() {
        return new PdfText((Graphics2D) g.create());
    }

    @Override public void scale(double a0, double a1) { g.scale(a0, a1); }
    @Override public void fill(java.awt.Shape a0) { g.fill(a0); }
    @Override public void transform(java.awt.geom.AffineTransform a0) { g.transform(a0); }
    @Override public void rotate(double a0) { g.rotate(a0); }
    @Override public void rotate(double a0, double a1, double a2) { g.rotate(a0, a1, a2); }
    @Override public boolean hit(java.awt.Rectangle a0, java.awt.Shape a1, boolean a2) { return g.hit(a0, a1, a2); }
    @Override public void translate(double a0, double a1) { g.translate(a0, a1); }
    @Override public void translate(int a0, int a1) { g.translate(a0, a1); }
    @Override public java.awt.Paint getPaint() { return g.getPaint(); }
    @Override public void setPaint(java.awt.Paint a0) { g.setPaint(a0); }
    @Override public void draw(java.awt.Shape a0) { g.draw(a0); }
    @Override public boolean drawImage(java.awt.Image a0, java.awt.geom.AffineTransform a1, java.awt.image.ImageObserver a2) { return g.drawImage(a0, a1, a2); }
    @Override public void drawImage(java.awt.image.BufferedImage a0, java.awt.image.BufferedImageOp a1, int a2, int a3) { g.drawImage(a0, a1, a2, a3); }
    @Override public void drawRenderedImage(java.awt.image.RenderedImage a0, java.awt.geom.AffineTransform a1) { g.drawRenderedImage(a0, a1); }
    @Override public void drawRenderableImage(java.awt.image.renderable.RenderableImage a0, java.awt.geom.AffineTransform a1) { g.drawRenderableImage(a0, a1); }
    @Override public void drawGlyphVector(java.awt.font.GlyphVector a0, float a1, float a2) { g.drawGlyphVector(a0, a1, a2); }
    @Override public java.awt.GraphicsConfiguration getDeviceConfiguration() { return g.getDeviceConfiguration(); }
    @Override public void setComposite(java.awt.Composite a0) { g.setComposite(a0); }
    @Override public void setStroke(java.awt.Stroke a0) { g.setStroke(a0); }
    @Override public void setRenderingHint(java.awt.RenderingHints.Key a0, java.lang.Object a1) { g.setRenderingHint(a0, a1); }
    @Override public java.lang.Object getRenderingHint(java.awt.RenderingHints.Key a0) { return g.getRenderingHint(a0); }
    @Override public void setRenderingHints(java.util.Map a0) { g.setRenderingHints(a0); }
    @Override public void addRenderingHints(java.util.Map a0) { g.addRenderingHints(a0); }
    @Override public java.awt.RenderingHints getRenderingHints() { return g.getRenderingHints(); }
    @Override public void shear(double a0, double a1) { g.shear(a0, a1); }
    @Override public void setTransform(java.awt.geom.AffineTransform a0) { g.setTransform(a0); }
    @Override public java.awt.geom.AffineTransform getTransform() { return g.getTransform(); }
    @Override public java.awt.Composite getComposite() { return g.getComposite(); }
    @Override public void setBackground(java.awt.Color a0) { g.setBackground(a0); }
    @Override public java.awt.Color getBackground() { return g.getBackground(); }
    @Override public java.awt.Stroke getStroke() { return g.getStroke(); }
    @Override public void clip(java.awt.Shape a0) { g.clip(a0); }
    @Override public java.awt.font.FontRenderContext getFontRenderContext() { return g.getFontRenderContext(); }
    @Override public void setColor(java.awt.Color a0) { g.setColor(a0); }
    @Override public void dispose() { g.dispose(); }
    @Override public java.awt.Color getColor() { return g.getColor(); }
    @Override public void fillRect(int a0, int a1, int a2, int a3) { g.fillRect(a0, a1, a2, a3); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.Color a5, java.awt.image.ImageObserver a6) { return g.drawImage(a0, a1, a2, a3, a4, a5, a6); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.image.ImageObserver a9) { return g.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.Color a9, java.awt.image.ImageObserver a10) { return g.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.Color a3, java.awt.image.ImageObserver a4) { return g.drawImage(a0, a1, a2, a3, a4); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.image.ImageObserver a5) { return g.drawImage(a0, a1, a2, a3, a4, a5); }
    @Override public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.image.ImageObserver a3) { return g.drawImage(a0, a1, a2, a3); }
    @Override public void clipRect(int a0, int a1, int a2, int a3) { g.clipRect(a0, a1, a2, a3); }
    @Override public java.awt.Font getFont() { return g.getFont(); }
    @Override public java.awt.FontMetrics getFontMetrics(java.awt.Font a0) { return g.getFontMetrics(a0); }
    @Override public void drawLine(int a0, int a1, int a2, int a3) { g.drawLine(a0, a1, a2, a3); }
    @Override public void drawPolygon(int[] a0, int[] a1, int a2) { g.drawPolygon(a0, a1, a2); }
    @Override public void fillPolygon(int[] a0, int[] a1, int a2) { g.fillPolygon(a0, a1, a2); }
    @Override public java.awt.Rectangle getClipBounds() { return g.getClipBounds(); }
    @Override public void setPaintMode() { g.setPaintMode(); }
    @Override public void setXORMode(java.awt.Color a0) { g.setXORMode(a0); }
    @Override public void setFont(java.awt.Font a0) { g.setFont(a0); }
    @Override public void setClip(java.awt.Shape a0) { g.setClip(a0); }
    @Override public void setClip(int a0, int a1, int a2, int a3) { g.setClip(a0, a1, a2, a3); }
    @Override public java.awt.Shape getClip() { return g.getClip(); }
    @Override public void copyArea(int a0, int a1, int a2, int a3, int a4, int a5) { g.copyArea(a0, a1, a2, a3, a4, a5); }
    @Override public void clearRect(int a0, int a1, int a2, int a3) { g.clearRect(a0, a1, a2, a3); }
    @Override public void drawRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) { g.drawRoundRect(a0, a1, a2, a3, a4, a5); }
    @Override public void fillRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) { g.fillRoundRect(a0, a1, a2, a3, a4, a5); }
    @Override public void drawOval(int a0, int a1, int a2, int a3) { g.drawOval(a0, a1, a2, a3); }
    @Override public void fillOval(int a0, int a1, int a2, int a3) { g.fillOval(a0, a1, a2, a3); }
    @Override public void drawArc(int a0, int a1, int a2, int a3, int a4, int a5) { g.drawArc(a0, a1, a2, a3, a4, a5); }
    @Override public void fillArc(int a0, int a1, int a2, int a3, int a4, int a5) { g.fillArc(a0, a1, a2, a3, a4, a5); }
    @Override public void drawPolyline(int[] a0, int[] a1, int a2) { g.drawPolyline(a0, a1, a2); }
}
