package dev.varia.lang.objective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a {@code fit} may use: library objectives, optimisers and automatic guides, each with
 * its numeric arguments (name and default; {@code NaN} marks a required argument).
 */
public final class Catalog {
  private Catalog() {}

  /** A named entry with numeric arguments in positional order. */
  public record Entry(
      String name, List<String> args, Map<String, Double> defaults, String summary) {
    /** Copies the collections. */
    public Entry {
      args = List.copyOf(args);
      defaults = Map.copyOf(defaults);
    }

    /** True if argument {@code a} must be given. */
    public boolean required(String a) {
      return !defaults.containsKey(a);
    }
  }

  private static final Map<String, Entry> OBJECTIVES = new LinkedHashMap<>();
  private static final Map<String, Entry> OPTIMIZERS = new LinkedHashMap<>();
  private static final Map<String, Entry> AUTO_GUIDES = new LinkedHashMap<>();

  static {
    obj("elbo", List.of(), Map.of(), "evidence lower bound");
    obj("iwelbo", List.of("K"), Map.of(), "importance-weighted ELBO with K particles");
    obj("renyi", List.of("alpha", "K"), Map.of(), "Renyi alpha-divergence bound with K particles");
    obj("vimco", List.of("K"), Map.of(), "IWELBO with VIMCO's leave-one-out baselines");
    obj("hvi", List.of(), Map.of(), "hierarchical VI bound");
    obj("iwhvi", List.of("K"), Map.of(), "importance-weighted hierarchical VI bound");
    obj("diwhvi", List.of("K", "L"), Map.of(), "doubly importance-weighted hierarchical VI bound");
    obj("wake_p", List.of("K"), Map.of(), "reweighted wake-sleep, model update");
    obj("wake_q", List.of("K"), Map.of(), "reweighted wake-sleep, guide update");
    obj("rws", List.of("K"), Map.of(), "reweighted wake-sleep, model and guide jointly");
    opt(
        "adam",
        List.of("lr", "beta1", "beta2", "eps"),
        Map.of("lr", 0.01, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8));
    opt("sgd", List.of("lr", "momentum"), Map.of("lr", 0.01, "momentum", 0.0));
    opt("adagrad", List.of("lr"), Map.of("lr", 0.1));
    opt("rmsprop", List.of("lr", "decay"), Map.of("lr", 0.01, "decay", 0.9));
    auto("auto_normal", List.of(), Map.of());
    auto("auto_fullrank", List.of(), Map.of());
    auto("auto_lowrank", List.of("rank"), Map.of("rank", 2.0));
    auto("auto_delta", List.of(), Map.of());
    auto("auto_flow", List.of("layers"), Map.of("layers", 2.0));
  }

  private static void obj(String n, List<String> a, Map<String, Double> d, String s) {
    OBJECTIVES.put(n, new Entry(n, a, d, s));
  }

  private static void opt(String n, List<String> a, Map<String, Double> d) {
    OPTIMIZERS.put(n, new Entry(n, a, d, "optimiser"));
  }

  private static void auto(String n, List<String> a, Map<String, Double> d) {
    AUTO_GUIDES.put(n, new Entry(n, a, d, "automatic guide"));
  }

  /** A library objective. */
  public static Optional<Entry> objective(String name) {
    return Optional.ofNullable(OBJECTIVES.get(name));
  }

  /** An optimiser. */
  public static Optional<Entry> optimizer(String name) {
    return Optional.ofNullable(OPTIMIZERS.get(name));
  }

  /** An automatic guide. */
  public static Optional<Entry> autoGuide(String name) {
    return Optional.ofNullable(AUTO_GUIDES.get(name));
  }

  /** Names of library objectives. */
  public static List<String> objectiveNames() {
    return List.copyOf(OBJECTIVES.keySet());
  }

  /** Names of optimisers. */
  public static List<String> optimizerNames() {
    return List.copyOf(OPTIMIZERS.keySet());
  }

  /** Names of automatic guides. */
  public static List<String> autoGuideNames() {
    return List.copyOf(AUTO_GUIDES.keySet());
  }
}
