package dev.varia.bench;

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
 * Gradient of a Normal log-likelihood over n seeded synthetic points with respect to (mu, log
 * sigma): hand-written, tensor-level AD (plain composition, and with fused operations) and
 * scalar-tape AD. The setup checks that all agree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalBenchmark {
  /** Number of data points. */
  @Param({"1000", "100000"})
  public int n;

  private NormalLogLik.Hand hand;
  private NormalLogLik.TensorAd tensor;
  private NormalLogLik.TensorAdFused fused;
  private NormalLogLik.TensorAdDistribution dist;
  private NormalLogLik.ScalarAd scalar;
  private double[] point;
  private double[] grad;

  /** Builds the data and the programs, and checks that they agree. */
  @Setup(Level.Trial)
  public void setup() {
    double[] x = BenchData.normalData(n, 20240611L + n);
    hand = new NormalLogLik.Hand(x);
    tensor = new NormalLogLik.TensorAd(x);
    fused = new NormalLogLik.TensorAdFused(x);
    dist = new NormalLogLik.TensorAdDistribution(x);
    scalar = new NormalLogLik.ScalarAd(x);
    point = NormalLogLik.point();
    grad = new double[point.length];
    Agreement.check(
        "normal n=" + n,
        point,
        1e-9,
        n,
        new String[] {"hand", "tensorAd", "tensorAdFused", "tensorAdDist", "scalarAd"},
        hand,
        tensor,
        fused,
        dist,
        scalar);
  }

  /** Hand-written gradient. */
  @Benchmark
  public double hand() {
    return hand.valueAndGrad(point, grad);
  }

  /** Tensor-level AD, plain composition of engine operations. */
  @Benchmark
  public double tensorAd() {
    return tensor.valueAndGrad(point, grad);
  }

  /** Tensor-level AD with the fused standardize and sumOfSquares operations. */
  @Benchmark
  public double tensorAdFused() {
    return fused.valueAndGrad(point, grad);
  }

  /** Tensor-level AD through the distribution library's fused Normal log density. */
  @Benchmark
  public double tensorAdDist() {
    return dist.valueAndGrad(point, grad);
  }

  /** Scalar-tape AD. */
  @Benchmark
  public double scalarAd() {
    return scalar.valueAndGrad(point, grad);
  }
}
