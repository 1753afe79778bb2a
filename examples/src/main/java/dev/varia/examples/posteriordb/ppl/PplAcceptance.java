package dev.varia.examples.posteriordb.ppl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varia.examples.posteriordb.Acceptance;
import dev.varia.examples.posteriordb.PosteriorDbCase;
import dev.varia.examples.posteriordb.PosteriorDbCases;
import dev.varia.examples.posteriordb.ReferencePosterior;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.lang.cli.VariaCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the posteriordb acceptance cases through {@code .ppl} files and the command line, and prints
 * the table (case, seed, guide, largest mean error in reference sds, smallest and largest sd ratio,
 * required and strict rows, gradient evaluations, seconds):
 *
 * <pre>
 * examples/run acceptance [--seeds 1,2,3] [--out DIR] [--details] [case ...]
 * </pre>
 *
 * Each fit is exactly {@code varia fit examples/posteriordb/<case>.ppl --data
 * ../shared/posteriordb/<case>/data.json --seed S --out DIR} (run in this JVM), with the file's own
 * fit declaration; its {@code summary.json} is judged by the README's rules ({@link Acceptance}).
 * The exit status is 0 when every case passes the required row on every seed.
 */
public final class PplAcceptance {
  /** The ten cases, by folder name. */
  public static final List<String> CASES =
      List.of(
          "kidiq-kidscore_momiq",
          "earnings-logearn_interaction_z",
          "mesquite-logmesquite",
          "sblrc-blr",
          "eight_schools-eight_schools_noncentered",
          "arK-arK",
          "garch-garch11",
          "low_dim_gauss_mix-low_dim_gauss_mix",
          "gp_pois_regr-gp_pois_regr",
          "wells_data-wells_dist");

  private PplAcceptance() {}

  /**
   * One fit and its verdict.
   *
   * @param name the case
   * @param seed the seed
   * @param status the command's exit status
   * @param guide the guide the fit used
   * @param verdict the judgement (null when the command failed)
   * @param gradientEvaluations as summary.json reports them
   * @param seconds wall-clock time of the command
   * @param output what the command printed, for failures
   */
  public record Row(
      String name,
      long seed,
      int status,
      String guide,
      Acceptance.Verdict verdict,
      long gradientEvaluations,
      double seconds,
      String output) {
    /** True if the required row passed. */
    public boolean required() {
      return status == 0 && verdict != null && verdict.required();
    }

    /** True if the strict row passed. */
    public boolean strict() {
      return required() && verdict.strict();
    }
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    Path root = root();
    List<Long> seeds = List.of(1L, 2L, 3L);
    Path out = root.resolve("examples/target/posteriordb");
    boolean details = false;
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seeds" -> {
          seeds = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            seeds.add(Long.parseLong(s.strip()));
          }
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--details" -> details = true;
        default -> cases.add(PosteriorDbCases.named(args[i]).name());
      }
    }
    if (cases.isEmpty()) {
      cases = CASES;
    }
    List<Row> rows = new ArrayList<>();
    System.out.println(header());
    for (String c : cases) {
      for (long seed : seeds) {
        Row r = run(root, c, seed, out.resolve(c).resolve("seed-" + seed));
        rows.add(r);
        System.out.println(line(r));
        if (details || !r.required()) {
          if (r.verdict() != null) {
            r.verdict().failures().forEach(f -> System.out.println("    " + f));
          } else {
            System.out.println(indent(r.output()));
          }
        }
        System.out.flush();
      }
    }
    System.out.println();
    System.out.print(table(rows));
    System.exit(rows.stream().allMatch(Row::required) ? 0 : 1);
  }

  /**
   * Runs {@code varia fit} on case {@code name} with {@code seed}, writing to {@code out}, and
   * judges its summary.
   */
  public static Row run(Path root, String name, long seed, Path out) {
    Path ppl = root.relativize(root.resolve("examples/posteriordb/" + name + ".ppl"));
    Path posteriordb = root.resolve("../shared/posteriordb").normalize();
    Path data = posteriordb.resolve(name).resolve("data.json");
    StringWriter text = new StringWriter();
    long t0 = System.nanoTime();
    int status;
    try (PrintWriter w = new PrintWriter(text)) {
      status =
          VariaCli.run(
              w,
              w,
              "fit",
              root.resolve(ppl).toString(),
              "--data",
              data.toString(),
              "--seed",
              Long.toString(seed),
              "--out",
              out.toString());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (status != 0) {
      return new Row(name, seed, status, "?", null, 0, seconds, text.toString());
    }
    JsonNode summary = read(out.resolve("summary.json"));
    List<PosteriorSummary> summaries = summaries(summary);
    PosteriorDbCase c = PosteriorDbCases.named(name);
    ReferencePosterior ref =
        ReferencePosterior.load(posteriordb.resolve(name).resolve("reference.json"));
    return new Row(
        name,
        seed,
        status,
        summary.path("guide").asText("?"),
        Acceptance.judge(c, summaries, ref),
        summary.path("gradient_evaluations").asLong(),
        seconds,
        text.toString());
  }

  /** The summaries of a {@code summary.json}. */
  public static List<PosteriorSummary> summaries(JsonNode summary) {
    List<PosteriorSummary> out = new ArrayList<>();
    int draws = summary.path("draws").asInt(0);
    Iterator<Map.Entry<String, JsonNode>> it = summary.get("parameters").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode p = e.getValue();
      double sd = p.get("sd").asDouble();
      out.add(
          new PosteriorSummary(
              e.getKey(),
              draws,
              p.get("mean").asDouble(),
              sd,
              draws > 0 ? sd / Math.sqrt(draws) : Double.NaN,
              new double[] {0.05, 0.5, 0.95},
              new double[] {
                p.get("q05").asDouble(), p.get("q50").asDouble(), p.get("q95").asDouble()
              }));
    }
    return out;
  }

  /** The table of {@code rows}, then per case whether every seed passed. */
  public static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder(header()).append('\n');
    for (Row r : rows) {
      b.append(line(r)).append('\n');
    }
    Map<String, boolean[]> byCase = new LinkedHashMap<>();
    for (Row r : rows) {
      boolean[] ok = byCase.computeIfAbsent(r.name(), k -> new boolean[] {true, true});
      ok[0] &= r.required();
      ok[1] &= r.strict();
    }
    long required = byCase.values().stream().filter(x -> x[0]).count();
    long strict = byCase.values().stream().filter(x -> x[1]).count();
    long seeds = rows.stream().map(Row::seed).distinct().count();
    b.append(
        String.format(
            Locale.ROOT,
            "%d of %d cases pass the required row on all %d seed(s); %d pass the strict row%n",
            required,
            byCase.size(),
            seeds,
            strict));
    return b.toString();
  }

  private static String header() {
    return String.format(
        Locale.ROOT,
        "%-40s %4s %-14s %9s %15s %8s %6s %10s %8s",
        "case",
        "seed",
        "guide",
        "max|err|",
        "sd ratio",
        "required",
        "strict",
        "grad evals",
        "seconds");
  }

  private static String line(Row r) {
    Acceptance.Verdict v = r.verdict();
    if (v == null) {
      return String.format(
          Locale.ROOT,
          "%-40s %4d %-14s %9s %15s %8s %6s %10s %8.1f   (exit %d)",
          r.name(),
          r.seed(),
          r.guide(),
          "-",
          "-",
          "FAIL",
          "FAIL",
          "-",
          r.seconds(),
          r.status());
    }
    return String.format(
        Locale.ROOT,
        "%-40s %4d %-14s %9.3f %7.3f-%-7.3f %8s %6s %10d %8.1f",
        r.name(),
        r.seed(),
        r.guide(),
        v.maxMeanError(),
        v.minSdRatio(),
        v.maxSdRatio(),
        v.required() ? "pass" : "FAIL",
        v.strict() ? "pass" : "FAIL",
        r.gradientEvaluations(),
        r.seconds());
  }

  private static String indent(String s) {
    return "    " + s.strip().replace("\n", "\n    ");
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The repository root: the {@code varia.root} system property, or the first folder up from the
   * working directory that holds {@code examples/posteriordb}.
   */
  public static Path root() {
    String prop = System.getProperty("varia.root");
    if (prop != null) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples/posteriordb"))
          && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (a folder holding examples/posteriordb): run from it");
  }
}
