package dev.varia.inference.guide.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.dist.Distribution;
import dev.varia.core.dist.Families;
import dev.varia.core.exec.DistributionFamilies;
import java.util.Optional;

/** The standard distributions plus the automatic guides' own ({@link CouplingFlow}). */
public final class GuideFamilies implements DistributionFamilies {
  private static final GuideFamilies INSTANCE = new GuideFamilies();

  private GuideFamilies() {}

  /** The registry. */
  public static GuideFamilies instance() {
    return INSTANCE;
  }

  @Override
  public Distribution create(String family, Node[] args) {
    if (family.equals(CouplingFlow.NAME)) {
      return CouplingFlow.of(args);
    }
    return Families.standard().create(family, args);
  }

  @Override
  public Optional<String> check(String family, int argCount) {
    if (family.equals(CouplingFlow.NAME)) {
      return argCount >= 4 && (argCount - 4) % 4 == 0
          ? Optional.empty()
          : Optional.of(CouplingFlow.NAME + " takes 4 + 4 * layers arguments, got " + argCount);
    }
    return Families.standard().check(family, argCount);
  }
}
