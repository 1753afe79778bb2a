package dev.varia.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.Span;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.checkpoint.internal.AtomicFile;
import dev.varia.inference.checkpoint.internal.CheckpointJson;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.Gradient;
import dev.varia.inference.optim.LearningRate;
import dev.varia.inference.optim.ParameterArrays;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving, loading, resuming, and what happens to broken files. */
class CheckpointFileTest {
  @TempDir Path dir;

  private static final List<ParamSite> SITES =
      List.of(
          new ParamSite(
              "guide",
              "m",
              Shape.vector(3),
              Domain.real(),
              Tensor.vector(0.5, -1, 2),
              Span.synthetic("test")),
          new ParamSite(
              "guide",
              "s",
              Shape.scalar(),
              Domain.positive(),
              Tensor.scalar(1.5),
              Span.synthetic("test")),
          new ParamSite(
              "guide",
              "L",
              Shape.matrix(2, 2),
              Domain.real(),
              Tensor.matrix(new double[][] {{1, 0}, {0.3, 1}}),
              Span.synthetic("test")));

  private static ParamStore freshStore() {
    ParamStore store = new ParamStore();
    SITES.forEach(store::entry);
    return store;
  }

  /** A stochastic gradient: a concave objective plus noise from the stream. */
  private static Gradient noisyGradient(ParamStore store, RandomStream rng) {
    Map<String, double[]> g = new LinkedHashMap<>();
    store
        .entries()
        .forEach(
            (k, e) -> {
              double[] x = e.unconstrained();
              double[] gi = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                gi[i] = -(x[i] - 0.1 * i) + 0.5 * rng.normal();
              }
              g.put(k, gi);
            });
    return Gradient.ofObjective(g);
  }

  private static double objective(ParamStore store) {
    double f = 0;
    for (ParamStore.Entry e : store.entries().values()) {
      double[] x = e.unconstrained();
      for (int i = 0; i < x.length; i++) {
        f -= 0.5 * (x[i] - 0.1 * i) * (x[i] - 0.1 * i);
      }
    }
    return f;
  }

  private static Adam optimiser() {
    return Adam.builder(0.05)
        .learningRate(LearningRate.warmUp(10, LearningRate.inverseTime(0.05, 20, 0.7)))
        .clipGlobalNorm(3)
        .build();
  }

  @Test
  void resumedOptimisationContinuesBitIdentically() {
    int total = 120;
    int stopAt = 45;
    long seed = 2024;

    // uninterrupted
    ParamStore store = freshStore();
    Adam adam = optimiser();
    RandomStream rng = RandomStream.seeded(seed);
    double[] history = new double[total];
    for (int t = 0; t < total; t++) {
      adam.step(ParameterArrays.of(store), noisyGradient(store, rng));
      history[t] = objective(store);
    }

    // interrupted at stopAt, saved, and resumed by fresh objects as a new process would
    ParamStore first = freshStore();
    Adam firstAdam = optimiser();
    RandomStream firstRng = RandomStream.seeded(seed);
    double[] firstHistory = new double[stopAt];
    for (int t = 0; t < stopAt; t++) {
      firstAdam.step(ParameterArrays.of(first), noisyGradient(first, firstRng));
      firstHistory[t] = objective(first);
    }
    Path file = dir.resolve("fit.checkpoint.json");
    CheckpointFile.save(
        file,
        Checkpoint.of(
            stopAt,
            first,
            firstAdam,
            firstHistory,
            RngState.capture(seed, firstRng),
            Map.of("model", "test")));

    Checkpoint loaded = CheckpointFile.load(file);
    ParamStore resumed = freshStore();
    loaded.restoreParameters(resumed);
    Adam resumedAdam = optimiser();
    resumedAdam.restore(loaded.optimizer());
    RandomStream resumedRng = loaded.rng().restore();
    double[] resumedHistory = new double[total];
    System.arraycopy(loaded.objectiveHistory(), 0, resumedHistory, 0, (int) loaded.step());
    for (long t = loaded.step(); t < total; t++) {
      resumedAdam.step(ParameterArrays.of(resumed), noisyGradient(resumed, resumedRng));
      resumedHistory[(int) t] = objective(resumed);
    }

    for (String key : store.keys()) {
      assertArrayEquals(
          store.entries().get(key).unconstrained(),
          resumed.entries().get(key).unconstrained(),
          0.0,
          key);
    }
    assertArrayEquals(history, resumedHistory, 0.0);
    assertEquals(adam.steps(), resumedAdam.steps());
    assertEquals(rng.nextLong(), resumedRng.nextLong(), "the streams stand at the same place");
  }

  private static Checkpoint sample(long step) {
    RandomStream r = RandomStream.seeded(7);
    // awkward doubles: random bit patterns, subnormals, signed zero, extremes
    double[] awkward = new double[64];
    for (int i = 0; i < awkward.length; i++) {
      double v;
      do {
        v = Double.longBitsToDouble(r.nextLong());
      } while (!Double.isFinite(v));
      awkward[i] = v;
    }
    awkward[0] = -0.0;
    awkward[1] = Double.MIN_VALUE;
    awkward[2] = Double.MAX_VALUE;
    awkward[3] = 0.1 + 0.2;
    Map<String, ParameterSnapshot> params = new LinkedHashMap<>();
    params.put("guide.awkward", new ParameterSnapshot(new int[] {8, 8}, awkward));
    params.put("guide.s", new ParameterSnapshot(new int[] {}, new double[] {0.25}));
    Adam adam = Adam.of(0.1);
    double[] x = {1, 2};
    adam.step(
        ParameterArrays.of(Map.of("guide.m", x)),
        Gradient.ofObjective(Map.of("guide.m", new double[] {0.3, -0.7})));
    RandomStream rng = RandomStream.seeded(99);
    rng.normal();
    return new Checkpoint(
        step,
        params,
        adam.state(),
        new double[] {-10.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3},
        RngState.capture(99, rng),
        Map.of("model", "eight schools", "objective", "elbo"));
  }

  @Test
  void roundTripIsExact() {
    Path file = dir.resolve("c.json");
    Checkpoint c = sample(17);
    CheckpointFile.save(file, c);
    Checkpoint back = CheckpointFile.load(file);
    assertEquals(c, back);
    assertArrayEquals(
        c.parameters().get("guide.awkward").values(),
        back.parameters().get("guide.awkward").values(),
        0.0);
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(back.parameters().get("guide.awkward").values()[0]));
    assertTrue(Double.isNaN(back.objectiveHistory()[1]));
    // saving over an existing checkpoint replaces it
    CheckpointFile.save(file, sample(18));
    assertEquals(18, CheckpointFile.load(file).step());
  }

  /** Passes {@code limit} bytes through, then fails like a crash or a full disk. */
  private static final class FailingOutputStream extends FilterOutputStream {
    private long left;

    FailingOutputStream(OutputStream out, long limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (left-- <= 0) {
        throw new IOException("simulated crash while writing");
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  @Test
  void aCrashWhileWritingLeavesThePreviousCheckpointIntact() throws IOException {
    Path file = dir.resolve("fit.json");
    Checkpoint previous = sample(10);
    CheckpointFile.save(file, previous);
    byte[] before = Files.readAllBytes(file);
    Checkpoint next = sample(11);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFile.write(
                    file, out -> CheckpointJson.write(next, new FailingOutputStream(out, 300))));
    assertTrue(e.getMessage().contains("simulated crash"));
    assertArrayEquals(before, Files.readAllBytes(file), "the old file is byte for byte the same");
    assertEquals(previous, CheckpointFile.load(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aTruncatedFileGivesAClearError() throws IOException {
    Path file = dir.resolve("torn.json");
    CheckpointFile.save(file, sample(3));
    byte[] whole = Files.readAllBytes(file);
    // what a non-atomic writer would leave after a crash
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file));
    assertTrue(e.getMessage().contains("torn.json"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void anEditedFileFailsItsDigest() throws IOException {
    Path file = dir.resolve("edited.json");
    CheckpointFile.save(file, sample(3));
    String text = Files.readString(file);
    String edited = text.replace("0.25", "0.26");
    assertTrue(!edited.equals(text));
    Files.writeString(file, edited);
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void namesWhatIsMissingOrWrong() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"hello\": 1}");
    assertTrue(
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file))
            .getMessage()
            .contains("not a Varia checkpoint"));

    CheckpointFile.save(file, sample(3));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.replace("\"step\"", "\"stop\""));
    assertTrue(
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file))
            .getMessage()
            .contains("missing field step"));

    Files.writeString(file, text.replace("\"version\" : 1", "\"version\" : 99"));
    assertTrue(
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file))
            .getMessage()
            .contains("version 99"));

    Files.writeString(file, text.replace("\"shape\" : [ ]", "\"shape\" : [ 2 ]"));
    String shape =
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(file)).getMessage();
    assertTrue(shape.contains("parameters.guide.s") && shape.contains("needs 2 values"), shape);

    Path missing = dir.resolve("nope.json");
    assertTrue(
        assertThrows(CheckpointException.class, () -> CheckpointFile.load(missing))
            .getMessage()
            .contains("no checkpoint at"));
  }

  @Test
  void restoringIntoADifferentModelListsEveryDifferenceAndChangesNothing() {
    ParamStore saved = freshStore();
    Checkpoint c = Checkpoint.of(0, saved, null, new double[0], null, Map.of());

    ParamStore other = new ParamStore();
    other.entry(
        new ParamSite(
            "guide",
            "m",
            Shape.vector(4),
            Domain.real(),
            Tensor.vector(9, 9, 9, 9),
            Span.synthetic("test")));
    other.entry(SITES.get(1));
    other.entry(
        new ParamSite(
            "guide",
            "extra",
            Shape.scalar(),
            Domain.real(),
            Tensor.scalar(7),
            Span.synthetic("t")));
    double[] before = other.entries().get("guide.m").unconstrained().clone();
    double[] sBefore = other.entries().get("guide.s").unconstrained().clone();

    CheckpointException e =
        assertThrows(CheckpointException.class, () -> c.restoreParameters(other));
    String m = e.getMessage();
    assertTrue(m.contains("guide.m: the checkpoint has shape [3], the model has [4]"), m);
    assertTrue(m.contains("guide.extra is not in the checkpoint"), m);
    assertTrue(m.contains("guide.L is in the checkpoint, not the model"), m);
    assertArrayEquals(before, other.entries().get("guide.m").unconstrained(), 0.0);
    assertArrayEquals(sBefore, other.entries().get("guide.s").unconstrained(), 0.0);
  }

  @Test
  void rngStateRequiresTheStreamsSeedAndRestoresForksToo() {
    RandomStream s = RandomStream.seeded(5);
    s.normal();
    s.nextLong();
    RngState state = RngState.capture(5, s);
    RandomStream back = state.restore();
    assertEquals(s.fork(3).nextLong(), back.fork(3).nextLong());
    assertEquals(s.normal(), back.normal());
    assertEquals(s.uniform(), back.uniform());
    assertThrows(IllegalArgumentException.class, () -> RngState.capture(6, s));
    assertEquals(
        RandomStream.seeded(5).nextLong(), RngState.seedOnly(5).restore().nextLong(), "seed only");
  }
}
