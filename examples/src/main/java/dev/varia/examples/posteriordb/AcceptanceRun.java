package dev.varia.examples.posteriordb;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.inference.guide.AutoFit;
import dev.varia.inference.results.FitReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs one acceptance case with one seed: the model compiled with the case's {@code data.json},
 * fitted by {@link AutoFit} with the default guide and settings, judged by {@link Acceptance}.
 */
public final class AcceptanceRun {
  private AcceptanceRun() {}

  /** One row of the acceptance table. */
  public record Row(
      PosteriorDbCase testCase, long seed, FitReport report, Acceptance.Verdict verdict) {}

  /**
   * Fits {@code c} with {@code seed}, reading its files from {@code posteriordb} (the folder
   * holding the cases: {@code ../shared/posteriordb}).
   */
  public static Row run(PosteriorDbCase c, long seed, Path posteriordb) {
    Path dir = posteriordb.resolve(c.name());
    GenerativeFunction model = c.compile(PosteriorDbData.load(dir.resolve("data.json")));
    ReferencePosterior reference = ReferencePosterior.load(dir.resolve("reference.json"));
    FitReport report = AutoFit.of(model).seed(seed).run();
    return new Row(c, seed, report, Acceptance.judge(c, report, reference));
  }

  /** The table: case, seed, guide, errors, pass flags, gradient evaluations, seconds. */
  public static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-40s %4s %-14s %9s %15s %8s %6s %10s %8s%n",
            "case",
            "seed",
            "guide",
            "max|err|",
            "sd ratio",
            "required",
            "strict",
            "grad evals",
            "seconds"));
    for (Row r : rows) {
      Acceptance.Verdict v = r.verdict();
      b.append(
          String.format(
              Locale.ROOT,
              "%-40s %4d %-14s %9.3f %7.3f-%-7.3f %8s %6s %10d %8.1f%n",
              r.testCase().name(),
              r.seed(),
              r.report().guide(),
              v.maxMeanError(),
              v.minSdRatio(),
              v.maxSdRatio(),
              v.required() ? "pass" : "FAIL",
              v.strict() ? "pass" : "fail",
              r.report().gradientEvaluations(),
              r.report().seconds()));
    }
    return b.toString();
  }
}
