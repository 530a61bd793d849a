package io.loopscope.ui.view;

import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.vm.WaterfallViewModel;
import io.loopscope.ui.vm.WaterfallViewModel.Data;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.geometry.Point3D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.Sphere;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;

/**
 * The waterfall in JavaFX 3-D: x = PC1, y = PC2, z = token position; each path is a chain of thin
 * cylinders coloured by step (viridis). Drag rotates, scroll zooms.
 */
public final class WaterfallController {
    private static final double HALF = 120;      // PC coordinates are scaled into ±HALF
    private static final double SPACING = 14;    // between token positions
    private static final int LEVELS = 32;        // viridis materials, shared by all segments
    private final WorkbenchContext ctx;
    private final WaterfallViewModel vm;
    private final Group world = new Group();
    private final Rotate rx = new Rotate(-25, Rotate.X_AXIS), ry = new Rotate(-35, Rotate.Y_AXIS);
    private final Translate zoom = new Translate(0, 0, -700);
    private final PhongMaterial[] materials = new PhongMaterial[LEVELS];
    private SubScene subScene;
    private double dragX, dragY;
    @FXML private StackPane sceneHost;
    @FXML private Label caption;

    public WaterfallController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().waterfall();
    }

    @FXML
    private void initialize() {
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            Label l = new Label("This graphics pipeline has no 3-D support, so the waterfall cannot be drawn here.");
            l.getStyleClass().add("placeholder");
            sceneHost.getChildren().setAll(l);
            return;
        }
        // materials only where 3-D exists: each one warns on pipelines without it
        for (int i = 0; i < LEVELS; i++) materials[i] = new PhongMaterial(Viridis.fx(i / (LEVELS - 1.0)));
        world.getTransforms().setAll(rx, ry);
        PerspectiveCamera camera = new PerspectiveCamera(true);
        camera.setNearClip(1);
        camera.setFarClip(5000);
        camera.getTransforms().add(zoom);
        Group root = new Group(world, new AmbientLight(Color.gray(0.65)), light());
        subScene = new SubScene(root, 800, 500, true, SceneAntialiasing.BALANCED);
        subScene.setId("waterfallScene");
        subScene.setCamera(camera);
        subScene.widthProperty().bind(sceneHost.widthProperty());
        subScene.heightProperty().bind(sceneHost.heightProperty());
        sceneHost.setMinSize(100, 100);
        sceneHost.getChildren().setAll(subScene);
        applyBackground();
        ctx.chartStyleProperty().addListener(o -> applyBackground());
        subScene.setOnMousePressed(e -> {
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        subScene.setOnMouseDragged(e -> {
            ry.setAngle(ry.getAngle() + (e.getSceneX() - dragX) * 0.4);
            rx.setAngle(Math.max(-89, Math.min(89, rx.getAngle() - (e.getSceneY() - dragY) * 0.4)));
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        subScene.setOnScroll(e -> zoom.setZ(Math.max(-3000, Math.min(-150, zoom.getZ() + e.getDeltaY()))));
        vm.dataProperty().addListener((o, a, d) -> build(d));
    }

    private static PointLight light() {
        PointLight p = new PointLight(Color.gray(0.5));
        p.getTransforms().add(new Translate(-300, -400, -600));
        return p;
    }

    private void applyBackground() {
        if (subScene != null) subScene.setFill(ctx.chartStyle().dark() ? Color.web("#1e1f22") : Color.web("#fafafa"));
    }

    @FXML
    private void resetView() {
        rx.setAngle(-25);
        ry.setAngle(-35);
        zoom.setZ(-700);
    }

    private void build(Data d) {
        world.getChildren().clear();
        if (d == null) return;
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
        for (int t = 0; t < d.tokens(); t++) {
            for (int s = 0; s < d.steps(); s++) {
                minX = Math.min(minX, d.pc1()[t][s]);
                maxX = Math.max(maxX, d.pc1()[t][s]);
                minY = Math.min(minY, d.pc2()[t][s]);
                maxY = Math.max(maxY, d.pc2()[t][s]);
            }
        }
        double sx = 2 * HALF / Math.max(1e-12, maxX - minX), sy = 2 * HALF / Math.max(1e-12, maxY - minY);
        double depth = (d.tokens() - 1) * SPACING;
        Color ink = ctx.chartStyle().dark() ? Color.gray(0.85) : Color.gray(0.2);
        for (int t = 0; t < d.tokens(); t++) {
            boolean sel = d.selected().contains(t);
            double z = t * SPACING - depth / 2;
            double radius = sel ? 1.6 : 0.6;
            Point3D prev = null;
            for (int s = 0; s < d.steps(); s++) {
                // screen y grows downwards: PC2 up means negative y
                Point3D p = new Point3D((d.pc1()[t][s] - minX) * sx - HALF, -((d.pc2()[t][s] - minY) * sy - HALF), z);
                if (prev != null) world.getChildren().add(segment(prev, p, radius, material(s, d.steps() - 1)));
                prev = p;
            }
            Sphere end = new Sphere(sel ? 3.5 : 1.8, 8);
            end.setMaterial(material(d.steps() - 1, d.steps() - 1));
            end.getTransforms().add(new Translate(prev.getX(), prev.getY(), prev.getZ()));
            world.getChildren().add(end);
            if (sel || d.tokens() <= 24) world.getChildren().add(label(d.labels().get(t), -HALF - 30, HALF + 12, z, ink, sel));
        }
        world.getChildren().addAll(axis(new Point3D(-HALF, HALF, -depth / 2 - 10), new Point3D(HALF, HALF, -depth / 2 - 10), ink),
                axis(new Point3D(-HALF, HALF, -depth / 2 - 10), new Point3D(-HALF, -HALF, -depth / 2 - 10), ink),
                axis(new Point3D(-HALF, HALF, -depth / 2 - 10), new Point3D(-HALF, HALF, depth / 2 + 10), ink),
                label(d.xLabel(), -20, HALF + 28, -depth / 2 - 10, ink, false),
                label(d.yLabel(), -HALF - 10, -HALF - 12, -depth / 2 - 10, ink, false),
                label("token position →", -HALF - 10, HALF + 28, depth / 2 + 10, ink, false));
    }

    private PhongMaterial material(int step, int last) {
        return materials[(int) Math.round(Viridis.ofStep(step, last) * (LEVELS - 1))];
    }

    /** A cylinder from a to b (JavaFX cylinders stand on the y axis, centred: rotate and move them). */
    private static Cylinder segment(Point3D a, Point3D b, double radius, PhongMaterial m) {
        Point3D diff = b.subtract(a);
        double h = diff.magnitude();
        Cylinder c = new Cylinder(radius, Math.max(h, 1e-3), 6);
        c.setMaterial(m);
        Point3D mid = a.midpoint(b);
        Point3D axis = diff.crossProduct(Rotate.Y_AXIS);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, diff.normalize().dotProduct(Rotate.Y_AXIS)))));
        c.getTransforms().add(new Translate(mid.getX(), mid.getY(), mid.getZ()));
        if (axis.magnitude() > 1e-9) c.getTransforms().add(new Rotate(-angle, axis));
        return c;
    }

    private static Box axis(Point3D a, Point3D b, Color ink) {
        Point3D d = b.subtract(a);
        Box box = new Box(Math.max(0.8, Math.abs(d.getX())), Math.max(0.8, Math.abs(d.getY())), Math.max(0.8, Math.abs(d.getZ())));
        box.setMaterial(new PhongMaterial(ink));
        Point3D m = a.midpoint(b);
        box.getTransforms().add(new Translate(m.getX(), m.getY(), m.getZ()));
        return box;
    }

    private static Text label(String s, double x, double y, double z, Color ink, boolean bold) {
        Text t = new Text(s);
        t.setFont(Font.font("SansSerif", bold ? javafx.scene.text.FontWeight.BOLD : javafx.scene.text.FontWeight.NORMAL, 9));
        t.setFill(ink);
        t.getTransforms().add(new Translate(x, y, z));
        return t;
    }
}
