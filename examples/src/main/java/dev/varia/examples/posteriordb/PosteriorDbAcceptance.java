package dev.varia.examples.posteriordb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the posteriordb acceptance cases through the Java API and prints the table:
 *
 * <pre>
 * PosteriorDbAcceptance [--posteriordb DIR] [--seeds 1,2,3] [--details] [case ...]
 * </pre>
 *
 * DIR defaults to {@code ../shared/posteriordb} relative to the working directory (run it from the
 * repository root); with no cases, all ten run.
 */
public final class PosteriorDbAcceptance {
  private PosteriorDbAcceptance() {}

  /** Command-line entry point. */
  public static void main(String[] args) {
    Path dir = Path.of("..", "shared", "posteriordb");
    List<Long> seeds = List.of(1L, 2L, 3L);
    boolean details = false;
    List<PosteriorDbCase> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--posteriordb":
          dir = Path.of(args[++i]);
          break;
        case "--seeds":
          seeds = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            seeds.add(Long.parseLong(s.trim()));
          }
          break;
        case "--details":
          details = true;
          break;
        default:
          cases.add(PosteriorDbCases.named(args[i]));
      }
    }
    if (!Files.isDirectory(dir)) {
      System.err.println(
          "no posteriordb folder at " + dir.toAbsolutePath() + " (use --posteriordb)");
      System.exit(2);
    }
    if (cases.isEmpty()) {
      cases = PosteriorDbCases.all();
    }
    List<AcceptanceRun.Row> rows = new ArrayList<>();
    for (PosteriorDbCase c : cases) {
      for (long seed : seeds) {
        AcceptanceRun.Row r = AcceptanceRun.run(c, seed, dir);
        rows.add(r);
        if (details) {
          System.out.println(r.report().describe());
          r.verdict().failures().forEach(f -> System.out.println("  " + f));
        }
        System.out.print(AcceptanceRun.table(List.of(r)));
      }
    }
    System.out.println();
    System.out.print(AcceptanceRun.table(rows));
  }
}
