package dev.varia.core.model;

/**
 * Distribution constructors for the Java API, named and parameterised as Stan's functions
 * reference. Arguments are {@link Val}s, numbers or tensors.
 */
public final class Dist {
  private Dist() {}

  /** normal(mu, sigma). */
  public static DistSpec normal(Object mu, Object sigma) {
    return DistSpec.of("normal", mu, sigma);
  }

  /** lognormal(mu, sigma). */
  public static DistSpec lognormal(Object mu, Object sigma) {
    return DistSpec.of("lognormal", mu, sigma);
  }

  /** Half-normal with scale sigma. */
  public static DistSpec halfNormal(Object sigma) {
    return DistSpec.of("half_normal", sigma);
  }

  /** cauchy(mu, sigma). */
  public static DistSpec cauchy(Object mu, Object sigma) {
    return DistSpec.of("cauchy", mu, sigma);
  }

  /** Half-Cauchy with scale sigma (location 0). */
  public static DistSpec halfCauchy(Object sigma) {
    return DistSpec.of("half_cauchy", sigma);
  }

  /** student_t(nu, mu, sigma). */
  public static DistSpec studentT(Object nu, Object mu, Object sigma) {
    return DistSpec.of("student_t", nu, mu, sigma);
  }

  /** uniform(alpha, beta). */
  public static DistSpec uniform(Object lower, Object upper) {
    return DistSpec.of("uniform", lower, upper);
  }

  /** exponential(rate). */
  public static DistSpec exponential(Object rate) {
    return DistSpec.of("exponential", rate);
  }

  /** gamma(shape, rate). */
  public static DistSpec gamma(Object shape, Object rate) {
    return DistSpec.of("gamma", shape, rate);
  }

  /** inv_gamma(shape, scale). */
  public static DistSpec invGamma(Object shape, Object scale) {
    return DistSpec.of("inv_gamma", shape, scale);
  }

  /** beta(alpha, beta). */
  public static DistSpec beta(Object alpha, Object beta) {
    return DistSpec.of("beta", alpha, beta);
  }

  /** bernoulli(theta). */
  public static DistSpec bernoulli(Object theta) {
    return DistSpec.of("bernoulli", theta);
  }

  /** bernoulli_logit(alpha). */
  public static DistSpec bernoulliLogit(Object alpha) {
    return DistSpec.of("bernoulli_logit", alpha);
  }

  /** binomial(n, theta). */
  public static DistSpec binomial(Object n, Object theta) {
    return DistSpec.of("binomial", n, theta);
  }

  /** poisson(lambda). */
  public static DistSpec poisson(Object lambda) {
    return DistSpec.of("poisson", lambda);
  }

  /** poisson_log(alpha). */
  public static DistSpec poissonLog(Object alpha) {
    return DistSpec.of("poisson_log", alpha);
  }

  /** categorical(theta) over 1..K. */
  public static DistSpec categorical(Object theta) {
    return DistSpec.of("categorical", theta);
  }

  /** categorical_logit(beta) over 1..K. */
  public static DistSpec categoricalLogit(Object beta) {
    return DistSpec.of("categorical_logit", beta);
  }

  /** dirichlet(alpha). */
  public static DistSpec dirichlet(Object alpha) {
    return DistSpec.of("dirichlet", alpha);
  }

  /** multi_normal_cholesky(mu, L). */
  public static DistSpec multiNormalCholesky(Object mu, Object l) {
    return DistSpec.of("multi_normal_cholesky", mu, l);
  }

  /** An improper flat density on the real line. */
  public static DistSpec flat() {
    return DistSpec.of("flat");
  }

  /** An improper flat density on (lower, infinity). */
  public static DistSpec flatLower(Object lower) {
    return DistSpec.of("flat_lower", lower);
  }

  /** An improper flat density on (lower, upper); the bounds may be other latents. */
  public static DistSpec flatInterval(Object lower, Object upper) {
    return DistSpec.of("flat_interval", lower, upper);
  }
}
