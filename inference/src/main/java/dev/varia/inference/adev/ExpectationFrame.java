package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.exec.Frame;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Machine;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Strategy;
import dev.varia.inference.objective.MultiSample;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expectation block {@code E { ... }} on the machine: the boundary of the continuations that its
 * sites capture. It collects the terms that strategies attach to its value and adds them when the
 * block returns its value l (ADEV.md section 3):
 *
 * <ul>
 *   <li>score-function sites: {@code phantom(log q(x), l - b)};
 *   <li>Bernoulli/Poisson measure-valued sites: {@code phantom(p, s (l_alt - l))};
 *   <li>terms with a fixed coefficient (Normal-mean measure-valued sites);
 *   <li>costs added by {@code addCost}.
 * </ul>
 *
 * <p>A copy (made when a continuation is captured) starts with no terms: the terms registered
 * before the capture belong to the original, whose value already combines the continuation's runs.
 */
final class ExpectationFrame extends Frame {
  private final EstimatorRun run;
  private final EstimatorState state;
  private final ParamBinding params;
  private final boolean original;
  private final Span span;
  private final List<Score> scores = new ArrayList<>();
  private final List<Mvd> mvds = new ArrayList<>();
  private final List<Node[]> fixed = new ArrayList<>();
  private final Map<ParticlesFrame, double[]> groups = new IdentityHashMap<>();
  private final Map<ParticlesFrame, MultiSample> groupKinds = new IdentityHashMap<>();
  private Node cost;

  /** A score-function term. */
  private record Score(
      Node logq, Strategy.Baseline baseline, String site, ParticlesFrame group, int particle) {}

  /** A measure-valued term: coefficient s * (lAlt - l) on node p. */
  private record Mvd(Node p, double sign, double lAlt) {}

  ExpectationFrame(Instr[] code, Object[] env, EstimatorRun run, boolean original, Span span) {
    super(code, env, null, Address.root());
    this.run = run;
    this.state = run.state();
    this.params = run.binding();
    this.original = original;
    this.span = span;
  }

  void setReturnTarget(dev.varia.core.exec.ReturnTarget t) {
    setTarget(t);
  }

  /** The estimator run this expectation belongs to. */
  EstimatorRun run() {
    return run;
  }

  /** False for copies made by continuations. */
  boolean isOriginal() {
    return original;
  }

  @Override
  protected boolean isBoundary() {
    return true;
  }

  @Override
  protected void onEnd(Machine m) {
    throw new VariaException(span + ": an expectation ended without returning a value");
  }

  void addScore(Node logq, Strategy.Baseline baseline, String site, ParticlesFrame group, int k) {
    scores.add(new Score(logq, baseline, site, group, k));
  }

  void addMvd(Node p, double sign, double lAlt) {
    mvds.add(new Mvd(p, sign, lAlt));
  }

  void addFixed(Node g, Node coefficient) {
    fixed.add(new Node[] {g, coefficient});
  }

  void addCost(Node c) {
    Node s = c.size() == 1 ? c : c.sum();
    cost = cost == null ? s : cost.add(s);
  }

  /** The value of the costs added so far (0 if none). */
  double costValue() {
    return cost == null ? 0.0 : cost.get(0);
  }

  void completeGroup(ParticlesFrame group, double[] values, MultiSample kind) {
    groups.put(group, values);
    groupKinds.put(group, kind);
  }

  @Override
  protected void onReturn(Machine m, Node value) {
    if (value == null || value.size() != 1) {
      throw new VariaException(
          span
              + ": an expectation must return a single number, got "
              + (value == null ? "nothing" : "shape " + value.shape()));
    }
    Node total = cost == null ? value : value.add(cost);
    double l = total.get(0);
    for (Score s : scores) {
      double b = baseline(s, l);
      total = total.add(Phantom.of(s.logq, l - b));
      if (original && s.baseline.kind() == Strategy.BaselineKind.MOVING_AVERAGE) {
        state.recordLossToGo(s.site, s.baseline.value(), l);
      }
      if (s.baseline.kind() == Strategy.BaselineKind.LEARNED) {
        Node bn = params.baseline(s.site, state.learnedBaseline(s.site));
        total = total.add(Phantom.of(bn, l - bn.get(0)));
      }
    }
    for (Mvd d : mvds) {
      total = total.add(Phantom.of(d.p, d.sign * (d.lAlt - l)));
    }
    for (Node[] f : fixed) {
      total = total.add(Phantom.of(f[0], f[1].get(0)));
    }
    target().deliver(m, total);
  }

  private double baseline(Score s, double l) {
    if (s.group != null && groups.containsKey(s.group)) {
      MultiSample kind = groupKinds.get(s.group);
      if (kind != MultiSample.NONE) {
        return MultiSampleBaselines.baseline(kind, groups.get(s.group), s.particle);
      }
    }
    switch (s.baseline.kind()) {
      case CONSTANT:
        return s.baseline.value();
      case MOVING_AVERAGE:
        return state.movingAverage(s.site);
      case LEARNED:
        return state.learnedBaseline(s.site)[0];
      default:
        return 0.0;
    }
  }

  @Override
  protected Frame copy(Copies copies) {
    return withPc(new ExpectationFrame(code(), copies.env(env()), run, false, span));
  }
}
