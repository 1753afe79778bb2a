package dev.varia.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the gradient benchmarks with JMH and prints a table of median times per gradient and the
 * ratios AD / hand-written, all measured in the same run.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.varia.bench.BenchMain [JMH options]}.
 * Any JMH command-line option works (a benchmark regex, {@code -prof gc}, {@code -wi 5}, ...);
 * without a regex every benchmark of this package runs. The defaults (in the benchmark annotations)
 * are 1 fork, 3 warm-up and 5 measurement iterations of 1 s, sample-time mode.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Entry point. */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder b = new OptionsBuilder();
    b.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      b.include("dev\\.varia\\.bench\\..*Benchmark\\.");
    }
    if (!cli.shouldFailOnError().hasValue()) {
      // a failed agreement check or a missing data file stops the run instead of leaving a gap
      b.shouldFailOnError(true);
    }
    String root = BenchData.repositoryRoot().toString();
    b.jvmArgsAppend("-Dvaria.root=" + root);
    Options opts = b.build();
    Collection<RunResult> results = new Runner(opts).run();
    System.out.println();
    System.out.print(table(results));
  }

  /** The results table: one row per problem, one column group per variant. */
  static String table(Collection<RunResult> results) {
    // problem -> variant -> median (us)
    Map<String, Map<String, Double>> rows = new TreeMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      int dot = full.lastIndexOf('.');
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      String variant = full.substring(dot + 1);
      StringBuilder problem = new StringBuilder(cls.replace("Benchmark", ""));
      for (String key : r.getParams().getParamsKeys()) {
        problem.append(' ').append(key).append('=').append(r.getParams().getParam(key));
      }
      double median = r.getPrimaryResult().getStatistics().getPercentile(50.0);
      rows.computeIfAbsent(problem.toString(), k -> new LinkedHashMap<>()).put(variant, median);
      units.put(problem.toString(), r.getPrimaryResult().getScoreUnit());
    }
    List<String> variants = new ArrayList<>();
    for (Map<String, Double> m : rows.values()) {
      for (String v : m.keySet()) {
        if (!v.equals("hand") && !variants.contains(v)) {
          variants.add(v);
        }
      }
    }
    variants.sort(null);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s %12s", "problem", "hand"));
    for (String v : variants) {
      sb.append(String.format(Locale.ROOT, " %14s %8s", v, "ratio"));
    }
    sb.append("   (median time per gradient)\n");
    for (Map.Entry<String, Map<String, Double>> e : rows.entrySet()) {
      Map<String, Double> m = e.getValue();
      String unit = units.get(e.getKey()).replace("/op", "");
      Double hand = m.get("hand");
      sb.append(String.format(Locale.ROOT, "%-22s %12s", e.getKey(), time(hand, unit)));
      for (String v : variants) {
        Double t = m.get(v);
        String ratio =
            t == null || hand == null ? "-" : String.format(Locale.ROOT, "%.2fx", t / hand);
        sb.append(String.format(Locale.ROOT, " %14s %8s", time(t, unit), ratio));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String time(Double t, String unit) {
    return t == null ? "-" : String.format(Locale.ROOT, "%.2f %s", t, unit);
  }
}
