package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.dist.Distribution;
import java.util.Optional;

/** Resolves a distribution's Stan name and arguments to a {@link Distribution}. */
public interface DistributionFamilies {
  /** Builds the distribution {@code family(args...)}. */
  Distribution create(String family, Node[] args);

  /**
   * Builds the distribution {@code family(args...)} on {@code tape} (needed by families without
   * arguments whose parameters are constants, such as {@code std_normal()}).
   */
  default Distribution create(String family, Node[] args, dev.varia.core.ad.Tape tape) {
    return create(family, args);
  }

  /**
   * Checks the name and argument count; returns a message describing the problem (an unknown name,
   * a wrong number of arguments), or empty if the call is fine.
   */
  Optional<String> check(String family, int argCount);
}
