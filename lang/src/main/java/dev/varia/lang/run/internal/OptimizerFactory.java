package dev.varia.lang.run.internal;

import dev.varia.inference.optim.AdaGrad;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.Optimizer;
import dev.varia.inference.optim.RmsProp;
import dev.varia.inference.optim.Sgd;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.run.UserError;
import java.util.Map;

/** The inference layer's optimiser for a fit's optimiser choice and settings. */
public final class OptimizerFactory {
  private OptimizerFactory() {}

  /** Adam with learning rate 0.01: the optimiser of a user-guide fit that names none. */
  public static Optimizer defaultOptimizer() {
    return Adam.of(0.01);
  }

  /** The optimiser {@code choice} names, with its settings. */
  public static Optimizer build(FitSpec.OptimizerChoice choice) {
    Map<String, Double> s = choice.settings();
    double lr = s.getOrDefault("lr", 0.01);
    try {
      return switch (choice.name()) {
        case "adam" ->
            Adam.builder(lr)
                .beta1(s.getOrDefault("beta1", 0.9))
                .beta2(s.getOrDefault("beta2", 0.999))
                .epsilon(s.getOrDefault("eps", 1e-8))
                .build();
        case "sgd" -> Sgd.builder(lr).momentum(s.getOrDefault("momentum", 0.0)).build();
        case "adagrad" -> AdaGrad.of(lr);
        case "rmsprop" -> RmsProp.builder(lr).rho(s.getOrDefault("decay", 0.9)).build();
        default -> throw new UserError("unknown optimiser " + choice.name());
      };
    } catch (IllegalArgumentException e) {
      throw new UserError("optimiser " + choice.name() + ": " + e.getMessage());
    }
  }
}
