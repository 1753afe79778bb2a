package dev.varia.lang.run.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The objective trace of a fit as a chart (XChart, headless): each step's estimate in light grey
 * and a running mean in blue; the vertical axis leaves out the first steps' outlying values so the
 * end of the fit is readable.
 */
public final class ObjectivePlot {
  private ObjectivePlot() {}

  /** Writes the chart as PNG. */
  public static Path png(Path file, double[] trace, String title) throws IOException {
    XYChart c = chart(trace, title);
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
    }
    return file;
  }

  /** Writes the chart as SVG. */
  public static Path svg(Path file, double[] trace, String title) throws IOException {
    XYChart c = chart(trace, title);
    try (OutputStream out = Files.newOutputStream(file)) {
      VectorGraphicsEncoder.saveVectorGraphic(
          c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
    return file;
  }

  static XYChart chart(double[] trace, String title) {
    System.setProperty("java.awt.headless", "true");
    int n = trace.length;
    int stride = Math.max(1, n / 4000);
    int m = (n + stride - 1) / stride;
    double[] x = new double[m];
    double[] y = new double[m];
    double[] avg = new double[m];
    int window = Math.max(1, n / 50);
    double sum = 0;
    int k = 0;
    double[] running = new double[n];
    for (int i = 0; i < n; i++) {
      sum += finite(trace[i]);
      if (i >= window) {
        sum -= finite(trace[i - window]);
      }
      running[i] = sum / Math.min(i + 1, window);
    }
    for (int i = 0; i < n; i += stride) {
      x[k] = i + 1;
      y[k] = finite(trace[i]);
      avg[k] = running[i];
      k++;
    }
    XYChart c =
        new XYChartBuilder()
            .width(800)
            .height(480)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle("objective estimate")
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisDecimalPattern("#");
    c.getStyler().setXAxisMaxLabelCount(10);
    double[] tail = Arrays.copyOfRange(y, m / 10, m);
    if (tail.length > 10) {
      double[] sorted = tail.clone();
      Arrays.sort(sorted);
      double lo = sorted[(int) (0.01 * (sorted.length - 1))];
      double hi = sorted[sorted.length - 1];
      double pad = 0.05 * Math.max(hi - lo, 1e-9);
      c.getStyler().setYAxisMin(lo - pad);
      c.getStyler().setYAxisMax(hi + pad);
    }
    XYSeries raw = c.addSeries("per-step estimate", x, y);
    raw.setMarker(SeriesMarkers.NONE);
    raw.setLineColor(new Color(190, 190, 190));
    raw.setLineStyle(new BasicStroke(1f));
    XYSeries mean = c.addSeries("running mean (" + window + " steps)", x, avg);
    mean.setMarker(SeriesMarkers.NONE);
    mean.setLineColor(new Color(31, 119, 180));
    mean.setLineStyle(new BasicStroke(2f));
    return c;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
