package dev.varia.bench;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.dist.HalfNormal;
import dev.varia.core.dist.Normal;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpretive overhead of the generative-function IR: {@code assess} of a model built in the
 * IR (mu ~ N(0, 10), sigma ~ half-normal(5), n observations ~ N(mu, sigma)) against the same log
 * density written directly with the AD engine; and the cost of exact marginalisation of a
 * two-component mixture label, which must grow linearly in n.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IrBenchmark {
  /** Number of data points. */
  @Param({"1000", "4000"})
  public int n;

  private double[] y;
  private GenerativeFunction normalModel;
  private GenerativeFunction mixturePlate;
  private GenerativeFunction mixtureVector;
  private GenerativeFunction mixtureLoop;
  private Tensor yTensor;
  private ChoiceMap choices;
  private final Tape tape = new Tape();

  /** Builds the data and models, and checks that the IR and the direct density agree. */
  @Setup(Level.Trial)
  public void setup() {
    y = BenchData.normalData(n, 77L + n);
    yTensor = Tensor.vector(y);
    Map<String, Tensor> data = Map.of("y", Tensor.vector(y), "N", Tensor.scalar(n));
    GenFn normal =
        Model.define(
            "normal",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, 10));
              Val sigma = m.sample("sigma", Dist.halfNormal(5));
              m.observe(m.data("y"), Dist.normal(mu, sigma));
            });
    normalModel = compile(normal, data);
    choices = ChoiceMap.builder().put("mu", 0.3).put("sigma", 1.4).build();
    GenFn plate =
        Model.define(
            "mixture_plate",
            m ->
                m.plate(
                    "i",
                    m.data("N"),
                    (b, i) ->
                        b.marginalize(
                            "z",
                            Dist.bernoulli(0.3),
                            (mb, z) ->
                                mb.observe(
                                    mb.data("y").at(i), Dist.normal(z.mul(3.0).sub(1.0), 1.0)))));
    GenFn vector =
        Model.define(
            "mixture_vector",
            m ->
                m.marginalize(
                    "z",
                    Dist.bernoulli(0.3),
                    true,
                    (mb, z) -> mb.observe(mb.data("y"), Dist.normal(z.mul(3.0).sub(1.0), 1.0))));
    GenFn loop =
        Model.define(
            "mixture_loop",
            m ->
                m.forRange(
                    "i",
                    0,
                    m.data("N"),
                    (b, i) ->
                        b.marginalize(
                            "z",
                            Dist.bernoulli(0.3),
                            (mb, z) ->
                                mb.observe(
                                    mb.data("y").at(i), Dist.normal(z.mul(3.0).sub(1.0), 1.0)))));
    mixtureLoop = compile(loop, data);
    mixturePlate = compile(plate, data);
    mixtureVector = compile(vector, data);
    double ir = assessIr();
    double direct = assessDirect();
    if (Math.abs(ir - direct) > 1e-9 * Math.abs(direct)) {
      throw new IllegalStateException("IR " + ir + " and direct " + direct + " disagree");
    }
    double a = mixturePlate.assess(ChoiceMap.empty()).logDensity();
    double b = mixtureVector.assess(ChoiceMap.empty()).logDensity();
    double c = mixtureLoop.assess(ChoiceMap.empty()).logDensity();
    if (Math.abs(a - b) > 1e-9 * Math.abs(a) || Math.abs(a - c) > 1e-9 * Math.abs(a)) {
      throw new IllegalStateException("mixtures disagree: " + a + ", " + b + ", " + c);
    }
  }

  private static GenerativeFunction compile(GenFn fn, Map<String, Tensor> data) {
    return GenerativeFunction.compile(
        Program.of(fn), fn.name(), data, Families.standard(), new ParamStore());
  }

  /** assess through the IR (compiled once; each call runs the machine on a fresh tape). */
  @Benchmark
  public double assessIr() {
    return normalModel.assess(choices).logDensity();
  }

  /** The same log density written directly with the AD engine, tape reused. */
  @Benchmark
  public double assessDirect() {
    tape.reset();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      Node mu = tape.constant(0.3);
      Node sigma = tape.constant(1.4);
      Node lp =
          Normal.of(tape, 0, 10)
              .logDensitySum(mu)
              .add(HalfNormal.of(tape, 5).logDensitySum(sigma))
              .add(Normal.of(mu, sigma).logDensitySum(tape.constant(yTensor)));
      return lp.get(0);
    }
  }

  /** A mixture label marginalised per point in a sequential loop: O(n K), one point at a time. */
  @Benchmark
  public double mixtureSequential() {
    return mixtureLoop.assess(ChoiceMap.empty()).logDensity();
  }

  /** A mixture label marginalised per point in a plate (vectorised by the compiler). */
  @Benchmark
  public double mixtureInPlate() {
    return mixturePlate.assess(ChoiceMap.empty()).logDensity();
  }

  /** The same marginalisation written vectorised (an elementwise marginalize). */
  @Benchmark
  public double mixtureVectorised() {
    return mixtureVector.assess(ChoiceMap.empty()).logDensity();
  }
}
