package dev.varia.inference.objective;

/**
 * The role of a generative function in an objective, which decides whose parameters the objective
 * updates: model parameters (wake-sleep's theta, a VAE decoder) or guide parameters.
 */
public enum Role {
  /** The model p. */
  MODEL,
  /** The variational family (guide) q. */
  GUIDE
}
