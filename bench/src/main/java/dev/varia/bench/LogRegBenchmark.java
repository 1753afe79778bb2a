package dev.varia.bench;

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
 * Gradient of a Bayesian logistic-regression log joint (N = 10,000 rows, D = 20 features, the
 * shared data set {@code ../shared/data/logreg_10000x20.csv}) with respect to beta at a fixed
 * point: hand-written, tensor-level AD and scalar-tape AD. The setup checks that all agree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogRegBenchmark {
  private LogReg.Hand hand;
  private LogReg.TensorAd tensor;
  private LogReg.ScalarAd scalar;
  private double[] point;
  private double[] grad;

  /** Loads the data, builds the programs, and checks that they agree. */
  @Setup(Level.Trial)
  public void setup() {
    BenchData.LogRegData data = BenchData.logReg();
    hand = new LogReg.Hand(data);
    tensor = new LogReg.TensorAd(data);
    scalar = new LogReg.ScalarAd(data);
    point = LogReg.point(data.cols());
    grad = new double[point.length];
    Agreement.check(
        "logreg",
        point,
        1e-9,
        data.rows(),
        new String[] {"hand", "tensorAd", "scalarAd"},
        hand,
        tensor,
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

  /** Scalar-tape AD. */
  @Benchmark
  public double scalarAd() {
    return scalar.valueAndGrad(point, grad);
  }
}
