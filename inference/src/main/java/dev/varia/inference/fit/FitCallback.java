package dev.varia.inference.fit;

/** Called after every step of a fit; returning false stops the fit (keeping what it reached). */
@FunctionalInterface
public interface FitCallback {
  /** Step {@code step} (1-based) gave the objective estimate {@code objective}. */
  boolean afterStep(int step, double objective);
}
