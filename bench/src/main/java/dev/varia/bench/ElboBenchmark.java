package dev.varia.bench;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.constraint.Bijectors;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.BernoulliLogit;
import dev.varia.core.dist.Families;
import dev.varia.core.dist.Normal;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.ParamBinding;
import dev.varia.inference.objective.Objectives;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ELBO gradient step (one particle, mean-field Normal guide, reparameterised) on Bayesian
 * logistic regression with N = 10,000 rows and D = 20 features: through Varia (model and guide as
 * generative functions, the library ELBO objective, the ADEV estimator) against the same estimator
 * written by hand with the AD engine. Both record one estimate and run one backward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElboBenchmark {
  private Estimator estimator;
  private final Tape tape = new Tape();
  private final Tape handTape = new Tape();
  private RandomStream rng;
  private RandomStream handRng;
  private Tensor x;
  private Tensor y;
  private int d;
  private double[] m;
  private double[] su;
  private final double[] gradM = new double[20];
  private final double[] gradS = new double[20];

  /** Builds the model, the guide and the hand-written estimator on the shared data. */
  @Setup(Level.Trial)
  public void setup() {
    BenchData.LogRegData data = BenchData.logReg();
    d = data.cols();
    x = Tensor.of(data.x(), data.rows(), data.cols());
    y = Tensor.vector(data.y());
    ParamStore store = new ParamStore();
    GenFn model =
        Model.define(
            "logreg",
            b -> {
              Val beta = b.sample("beta", Dist.normal(0, 1), b.data("D"));
              b.observe(b.data("y"), Dist.bernoulliLogit(b.data("X").matmul(beta)));
            });
    GenFn guide =
        Model.define(
            "mean_field",
            b -> {
              Val loc = b.param("m", Shape.vector(d), Domain.real(), Tensor.scalar(0.0));
              Val scale = b.param("s", Shape.vector(d), Domain.positive(), Tensor.scalar(0.1));
              b.sample("beta", Dist.normal(loc, scale), Strategy.REPARAM);
            });
    Map<String, Tensor> modelData = Map.of("X", x, "y", y, "D", Tensor.scalar(d));
    GenerativeFunction p =
        GenerativeFunction.compile(
            Program.of(model), "logreg", modelData, Families.standard(), store);
    GenerativeFunction q =
        GenerativeFunction.compile(
            Program.of(guide), "mean_field", Map.of(), Families.standard(), store);
    estimator = Estimator.of(Objectives.elbo(), Map.of("p", p, "q", q));
    rng = RandomStream.seeded(1);
    handRng = RandomStream.seeded(1);
    m = new double[d];
    su = new double[d];
    java.util.Arrays.fill(su, Math.log(0.1));
    varia();
    handWritten();
  }

  /** Through Varia: the library ELBO on generative functions. */
  @Benchmark
  public double varia() {
    tape.reset();
    Estimator.Estimate e = estimator.estimate(tape, rng);
    tape.backward(e.value());
    for (ParamBinding.Bound b : e.params().trainable()) {
      b.gradientInto(b.key().endsWith(".m") ? gradM : gradS);
    }
    return e.value().get(0);
  }

  /** The same estimator written directly with the AD engine. */
  @Benchmark
  public double handWritten() {
    Tape t = handTape;
    t.reset();
    Node loc = t.variable(m, Shape.vector(d));
    Node sUnconstrained = t.variable(su, Shape.vector(d));
    Bijector positive = Bijectors.of(new Constraint.Positive());
    Node scale = positive.forward(sUnconstrained);
    double[] eps = new double[d];
    for (int i = 0; i < d; i++) {
      eps[i] = handRng.normal();
    }
    Node beta = loc.add(scale.mul(t.constant(eps, Shape.vector(d))));
    Node logq = Normal.of(loc, scale).logDensitySum(beta);
    Node logp =
        Normal.of(t, 0, 1)
            .logDensitySum(beta)
            .add(BernoulliLogit.of(t.constant(x).matmul(beta)).logDensitySum(t.constant(y)));
    Node elbo = logp.sub(logq);
    t.backward(elbo);
    loc.gradInto(gradM, 0);
    sUnconstrained.gradInto(gradS, 0);
    return elbo.get(0);
  }
}
