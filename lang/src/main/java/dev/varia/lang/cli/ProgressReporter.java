package dev.varia.lang.cli;

import dev.varia.lang.run.FitListener;
import dev.varia.lang.run.FitPlan;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a running fit: on a terminal a progress bar (step, running objective, steps per second,
 * ETA); otherwise a quiet line at every tenth of the fit (and at least every 30 seconds); or
 * nothing. A stop request (Ctrl-C at the REPL) is polled after every step.
 */
final class ProgressReporter implements FitListener {
  /** How progress is shown. */
  enum Mode {
    BAR,
    LINES,
    NONE
  }

  private static final int WINDOW = 100;

  private final Mode mode;
  private final PrintWriter err;
  private final PrintStream terminal;
  private final BooleanSupplier stopRequested;
  private final double[] recent = new double[WINDOW];
  private int seen;
  private double sum;
  private long first;
  private long last;
  private long startNanos;
  private long lastLineNanos;
  private long nextLineStep;
  private ProgressBar bar;

  ProgressReporter(
      Mode mode, PrintWriter err, PrintStream terminal, BooleanSupplier stopRequested) {
    this.mode = mode;
    this.err = err;
    this.terminal = terminal;
    this.stopRequested = stopRequested;
  }

  /** A bar when a terminal is attached, else lines. */
  static Mode auto() {
    return System.console() != null ? Mode.BAR : Mode.LINES;
  }

  @Override
  public void phase(String description) {
    if (mode != Mode.NONE) {
      err.println(description + " ...");
      err.flush();
    }
  }

  @Override
  public void started(FitPlan plan, long firstStep, long lastStep) {
    first = firstStep;
    last = lastStep;
    seen = 0;
    sum = 0;
    startNanos = System.nanoTime();
    lastLineNanos = startNanos;
    nextLineStep = first + Math.max(1, (last - first + 1) / 10) - 1;
    if (mode == Mode.BAR && last >= first) {
      err.flush();
      bar =
          new ProgressBarBuilder()
              .setTaskName(plan.name())
              .setInitialMax(last)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .showSpeed(new java.text.DecimalFormat("#"))
              .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
              .setUnit(" steps", 1)
              .setConsumer(new ConsoleProgressBarConsumer(terminal))
              .startsFrom(first - 1, java.time.Duration.ZERO)
              .build();
    }
  }

  @Override
  public boolean step(long step, double objective) {
    double old = recent[seen % WINDOW];
    recent[seen % WINDOW] = objective;
    sum += objective - (seen >= WINDOW ? old : 0);
    seen++;
    double running = sum / Math.min(seen, WINDOW);
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(String.format(Locale.ROOT, " obj %.5g", running));
    } else if (mode == Mode.LINES) {
      long now = System.nanoTime();
      if (step >= nextLineStep || now - lastLineNanos > 30_000_000_000L || step == last) {
        double secs = (now - startNanos) / 1e9;
        long done = step - first + 1;
        double rate = secs > 0 ? done / secs : Double.NaN;
        double eta = rate > 0 ? (last - step) / rate : Double.NaN;
        err.println(
            String.format(
                Locale.ROOT,
                "step %d/%d  objective %.6g (mean of last %d)  %.0f steps/s  ETA %s",
                step,
                last,
                running,
                Math.min(seen, WINDOW),
                rate,
                duration(eta)));
        err.flush();
        lastLineNanos = now;
        while (nextLineStep <= step) {
          nextLineStep += Math.max(1, (last - first + 1) / 10);
        }
      }
    }
    return !stopRequested.getAsBoolean();
  }

  @Override
  public void finished() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
