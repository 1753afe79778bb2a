package dev.varia.lang.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.varia.core.ad.Tensor;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.guide.AutoGuide;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.results.Draws;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.internal.ObjectivePlot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a fit's results to a folder:
 *
 * <ul>
 *   <li>{@code summary.json}: {@code {"parameters": {"theta[3]": {"mean", "sd", "q05", "q50",
 *       "q95"}, ...}, "objective": {"name", "final", "se"}, "log_evidence": {"estimate", "se"},
 *       "steps", "converged", "psis_khat", "seconds"}}, then {@code "fit"}, {@code "model"}, {@code
 *       "guide"}, {@code "draws"}, {@code "gradient_evaluations"}, {@code "status"} and {@code
 *       "notes"}; a value that does not apply is {@code null};
 *   <li>{@code draws.csv}: {@code lp__} (0, as in Stan's variational output), {@code log_p__},
 *       {@code log_g__}, then one column per latent and reported quantity with Stan's names;
 *   <li>{@code params.json}: {@code {"fit", "model", "guide", "parameters": {"q.m": 0.5, "q.L":
 *       [[..], [..]], ...}}}, constrained values, matrices as lists of rows; for an automatic guide
 *       also {@code "reference": {"kind", "mean", "cholesky", "options"}}, the Gaussian on the
 *       unconstrained scale its parameters are relative to;
 *   <li>{@code objective.png} and {@code objective.svg}: the objective trace.
 * </ul>
 *
 * A failed fit writes {@code params.json} (the last good parameters) and the plots only.
 */
public final class ResultFiles {
  private ResultFiles() {}

  /** The files written for {@code outcome}, in {@code dir} (created if needed). */
  public static List<Path> write(Path dir, FitOutcome outcome) {
    try {
      Files.createDirectories(dir);
      List<Path> out = new ArrayList<>();
      if (outcome.draws() != null) {
        out.add(writeSummary(dir.resolve("summary.json"), outcome));
        out.add(writeDraws(dir.resolve("draws.csv"), outcome.draws()));
      }
      out.add(writeParams(dir.resolve("params.json"), outcome));
      double[] trace = outcome.objectiveTrace();
      if (trace.length > 0) {
        String title = "objective " + outcome.objective() + " of fit " + outcome.plan().name();
        out.add(ObjectivePlot.png(dir.resolve("objective.png"), trace, title));
        out.add(ObjectivePlot.svg(dir.resolve("objective.svg"), trace, title));
      }
      return out;
    } catch (IOException e) {
      throw new UserError("cannot write the results to " + dir + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError("cannot write the results to " + dir + ": " + e.getCause().getMessage());
    }
  }

  /** Writes {@code summary.json}. */
  public static Path writeSummary(Path file, FitOutcome o) throws IOException {
    try (JsonGenerator g = generator(file)) {
      g.writeStartObject();
      g.writeObjectFieldStart("parameters");
      for (PosteriorSummary s : o.summaries()) {
        g.writeObjectFieldStart(s.name());
        number(g, "mean", s.mean());
        number(g, "sd", s.sd());
        number(g, "q05", s.quantile(0.05));
        number(g, "q50", s.quantile(0.5));
        number(g, "q95", s.quantile(0.95));
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("objective");
      g.writeStringField("name", o.objective());
      number(g, "final", o.objectiveFinal());
      number(g, "se", o.objectiveSe());
      g.writeEndObject();
      if (o.evidence() == null) {
        g.writeNullField("log_evidence");
      } else {
        g.writeObjectFieldStart("log_evidence");
        number(g, "estimate", o.evidence().logEvidence());
        number(g, "se", o.evidence().standardError());
        g.writeEndObject();
      }
      g.writeNumberField("steps", o.steps());
      g.writeBooleanField("converged", o.converged());
      number(g, "psis_khat", o.psis() == null ? Double.NaN : o.psis().paretoK());
      number(g, "seconds", o.seconds());
      g.writeStringField("fit", o.plan().name());
      g.writeStringField("model", o.plan().model());
      g.writeStringField("guide", o.guide());
      g.writeNumberField("draws", o.draws() == null ? 0 : o.draws().size());
      g.writeNumberField("gradient_evaluations", o.gradientEvaluations());
      g.writeStringField("status", o.message());
      g.writeArrayFieldStart("notes");
      for (String n : o.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return file;
  }

  /** Writes {@code draws.csv}: Stan's {@code lp__, log_p__, log_g__}, then every quantity. */
  public static Path writeDraws(Path file, Draws d) throws IOException {
    return csv(file, d, true);
  }

  /** Writes the draws' quantities alone (predictive draws), one column per flattened name. */
  public static Path writeColumns(Path file, Draws d) throws IOException {
    return csv(file, d, false);
  }

  private static Path csv(Path file, Draws d, boolean stanColumns) throws IOException {
    List<String> names = d.names();
    Map<String, double[]> columns = d.asMap();
    double[][] cols = new double[names.size()][];
    for (int j = 0; j < cols.length; j++) {
      cols[j] = columns.get(names.get(j));
    }
    double[] lp = d.logDensities();
    double[] lg = d.approximationLogDensities();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>();
      if (stanColumns) {
        header.addAll(List.of("lp__", "log_p__", "log_g__"));
      }
      names.forEach(n -> header.add(csvName(n)));
      w.write(String.join(",", header));
      w.write('\n');
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < d.size(); i++) {
        row.setLength(0);
        if (stanColumns) {
          row.append('0').append(',').append(num(lp[i])).append(',').append(num(lg[i]));
        }
        for (double[] c : cols) {
          if (row.length() > 0) {
            row.append(',');
          }
          row.append(num(c[i]));
        }
        row.append('\n');
        w.write(row.toString());
      }
    }
    return file;
  }

  /** Writes {@code params.json}. */
  public static Path writeParams(Path file, FitOutcome o) throws IOException {
    try (JsonGenerator g = generator(file)) {
      g.writeStartObject();
      g.writeStringField("fit", o.plan().name());
      g.writeStringField("model", o.plan().model());
      g.writeStringField("guide", o.guide());
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, Tensor> e : o.params().entrySet()) {
        g.writeFieldName(e.getKey());
        tensor(g, e.getValue());
      }
      g.writeEndObject();
      if (o.approximation() instanceof AutoGuide a) {
        reference(g, a, o);
      }
      g.writeEndObject();
    }
    return file;
  }

  /**
   * An automatic guide's parameters are relative to its reference Gaussian on the unconstrained
   * scale: written too (mean and Cholesky factor), with the guide's sizes, so the guide can be
   * rebuilt ({@code varia predict}).
   */
  private static void reference(JsonGenerator g, AutoGuide a, FitOutcome o) throws IOException {
    GaussianApproximation r = a.reference();
    g.writeObjectFieldStart("reference");
    g.writeStringField("kind", a.kind().guideName());
    g.writeArrayFieldStart("mean");
    for (double v : r.mean()) {
      value(g, v);
    }
    g.writeEndArray();
    if (r.isDense()) {
      g.writeArrayFieldStart("cholesky");
      for (double[] row : r.choleskyFactor()) {
        g.writeStartArray();
        for (double v : row) {
          value(g, v);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    if (o.plan().guide() instanceof FitSpec.GuideChoice.Auto choice) {
      g.writeObjectFieldStart("options");
      choice
          .options()
          .forEach(
              (k, v) -> {
                try {
                  g.writeNumberField(k, v);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** A tensor as a number, a list, or a list of rows (row-major nesting). */
  static void tensor(JsonGenerator g, Tensor t) throws IOException {
    int[] dims = t.shape().dims();
    double[] v = t.toArray();
    nest(g, v, dims, 0, 0);
  }

  private static int nest(JsonGenerator g, double[] v, int[] dims, int axis, int offset)
      throws IOException {
    if (axis == dims.length) {
      value(g, v[offset]);
      return offset + 1;
    }
    g.writeStartArray();
    int at = offset;
    for (int i = 0; i < dims[axis]; i++) {
      at = nest(g, v, dims, axis + 1, at);
    }
    g.writeEndArray();
    return at;
  }

  private static JsonGenerator generator(Path file) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    JsonGenerator g = new JsonFactory().createGenerator(w);
    g.useDefaultPrettyPrinter();
    return g;
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    g.writeFieldName(field);
    value(g, v);
  }

  private static void value(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  private static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.isFinite(v)
        ? Double.toString(v)
        : Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  }

  private static String csvName(String n) {
    return n.indexOf(',') >= 0 || n.indexOf('"') >= 0 ? '"' + n.replace("\"", "\"\"") + '"' : n;
  }
}
