package dev.varia.core.dist;

import static dev.varia.core.dist.Cases.T.m;
import static dev.varia.core.dist.Cases.T.s;
import static dev.varia.core.dist.Cases.T.v;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.constraint.Bijectors;
import dev.varia.core.constraint.Constraint;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * Flat densities in the contract test: log density 0 inside (on boundaries too), -infinity outside;
 * draws are uniform(-2, 2) on the unconstrained scale, so each coordinate of the bijector's inverse
 * of a draw is tested against uniform(-2, 2).
 */
final class FlatCases {
  private FlatCases() {}

  static List<Case> all() {
    double r = 0.3;
    double[][] l3 = {
      {1, 0, 0}, {r, Math.sqrt(1 - r * r), 0}, {-0.2, 0.5, Math.sqrt(1 - 0.04 - 0.25)}
    };
    return List.of(
        flat(
                "flat positive",
                p -> new Constraint.Positive(),
                Shape.vector(2),
                m(new double[] {0.5, 3}, new double[] {1e-3, 7}))
            .outside(v(-1, -0.1)),
        flat(
                "flat interval with tape bounds",
                p -> new Constraint.Interval(p[0], p[1]),
                Shape.SCALAR,
                v(-0.5, 0, 2.9),
                s(-1),
                s(3))
            .outside(v(-2, 3.5)),
        flat(
                "flat simplex",
                p -> new Constraint.Simplex(),
                Shape.vector(3),
                m(new double[] {0.2, 0.3, 0.5}, new double[] {0.6, 0.1, 0.3}))
            .gradientInX(
                m(
                    MultivariateCases.logs(new double[] {0.2, 0.3, 0.5}),
                    MultivariateCases.logs(new double[] {0.6, 0.1, 0.3})),
                MultivariateCases::softmaxRows)
            .outside(m(new double[] {0.5, 0.6, -0.1}))
            .draws(5000),
        flat(
                "flat correlation Cholesky factor",
                p -> new Constraint.CorrCholesky(),
                Shape.matrix(3, 3),
                m(l3))
            .gradientInX(null, null)
            .outside(m(new double[] {1, 0, 0}, new double[] {0.5, 0.5, 0}, l3[2]))
            .draws(3000));
  }

  static Case flat(
      String label,
      Function<Node[], Constraint> support,
      Shape shape,
      Tensor points,
      Tensor... bounds) {
    Case c = new Case(label, "flat", p -> Flat.of(support.apply(p), shape), bounds);
    Distribution d = c.on(new Tape());
    int events = points.size() / d.eventShape().size();
    c.score(points, new double[events]).gradientInX(points, x -> x);
    Shape value = shape;
    int free =
        Bijectors.of(support.apply(constants(new Tape(), bounds))).unconstrainedShape(value).size();
    for (int j = 0; j < free; j++) {
      int jj = j;
      c.marginal(
          "unconstrained coordinate " + j,
          draw -> {
            Tape t = new Tape();
            Bijector b = Bijectors.of(support.apply(constants(t, bounds)));
            return b.inverse(t.constant(Tensor.wrap(draw.clone(), value))).get(jj);
          },
          Ref1D.of(UniformContinuousDistribution.of(-2, 2)));
    }
    return c.noClosedFormMoments().enumerable(false);
  }

  private static Node[] constants(Tape t, Tensor[] values) {
    Node[] n = new Node[values.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = t.constant(values[i]);
    }
    return n;
  }
}
