package dev.varia.examples.vae;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.examples.data.ExampleFiles;
import dev.varia.examples.ppl.PplProgram;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.data.RawValue;
import dev.varia.lang.objective.FitSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Trains the VAE of {@code examples/vae.ppl} on the 8x8 digits: the first images are the training
 * set, the last {@link Settings#testImages} are held out. Reports the ELBO per image (nats) on the
 * held-out images before and after training, and writes the reconstructions of held-out digits, one
 * of each 0..9, as a PNG (originals above, decoded images below).
 *
 * <p>Minibatches: the training images are cut into fixed batches, the .ppl file is compiled once
 * per batch (the language computes each batch's data definitions), and every batch's model and
 * encoder read the same parameter store; {@link Fit#alternating} then takes one step per batch in
 * turn, so each step costs one batch.
 */
public final class DigitsVae {
  private DigitsVae() {}

  /**
   * The sizes and training settings.
   *
   * @param hidden hidden units of the encoder and the decoder
   * @param latent dimensions of the code z
   * @param trainImages training images (the first ones of the file)
   * @param testImages held-out images (the last ones of the file)
   * @param batch images per minibatch
   * @param steps optimisation steps (one minibatch each)
   * @param learningRate Adam's step size
   * @param seed seeds the initial weights and the fit
   */
  public record Settings(
      int hidden,
      int latent,
      int trainImages,
      int testImages,
      int batch,
      int steps,
      double learningRate,
      long seed) {

    /** The example's settings (the steps, step size and seed of the file's {@code fit}). */
    public static Settings full() {
      return new Settings(64, 8, 1500, 297, 100, 6000, 0.003, 1);
    }

    /** Small settings for tests: a smaller network and fewer images and steps. */
    public static Settings small() {
      return new Settings(32, 4, 600, 100, 50, 800, 0.01, 1);
    }
  }

  /**
   * What training gave.
   *
   * @param elboBefore ELBO per held-out image at the initial weights (mean of fresh estimates)
   * @param elboAfter ELBO per held-out image after training
   * @param trainElboAfter ELBO per training image after training
   * @param fit the fit loop's result
   * @param seconds wall-clock time of the training
   */
  public record Result(
      double elboBefore, double elboAfter, double trainElboAfter, FitResult fit, double seconds) {}

  /** The model and encoder of one set of images, reading {@code store}. */
  private static Map<String, GenerativeFunction> bind(
      Path ppl, Digits images, Map<String, RawValue> init, Settings s, ParamStore store) {
    PplProgram p = PplProgram.compile(ppl, data(images, init, s));
    return Map.of("p", p.function("vae", store), "q", p.function("encoder", store));
  }

  /** Trains with {@code s}, evaluates, and writes the reconstructions to {@code png}. */
  public static Result run(Path ppl, Digits digits, Settings s, Path png) {
    Digits train = digits.slice(0, s.trainImages());
    Digits test = digits.slice(digits.size() - s.testImages(), digits.size());
    Map<String, RawValue> init = initialWeights(s);
    ParamStore store = new ParamStore();
    Objective elbo = Objectives.elbo();

    Map<String, GenerativeFunction> testFns = bind(ppl, test, init, s, store);
    Estimator testElbo = Estimator.of(elbo, testFns);
    double before = perImage(testElbo, s.testImages(), 20, s.seed());

    List<Estimator> batches = new ArrayList<>();
    for (int from = 0; from < s.trainImages(); from += s.batch()) {
      Digits b = train.slice(from, Math.min(from + s.batch(), s.trainImages()));
      batches.add(Estimator.of(elbo, bind(ppl, b, init, s, store)));
    }
    long start = System.nanoTime();
    FitResult r =
        Fit.alternating(batches)
            .optimizer(Adam.of(s.learningRate()))
            .steps(s.steps())
            .seed(s.seed())
            .run();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!r.ok()) {
      throw new IllegalStateException("VAE training failed: " + r.message());
    }
    double after = perImage(testElbo, s.testImages(), 20, s.seed() + 1);
    Estimator trainElbo = Estimator.of(elbo, bind(ppl, train, init, s, store));
    double trainAfter = perImage(trainElbo, s.trainImages(), 5, s.seed() + 2);
    writeReconstructions(test, testFns, s.seed(), png);
    return new Result(before, after, trainAfter, r, seconds);
  }

  /** The ELBO divided by the number of images, averaged over {@code n} fresh estimates. */
  private static double perImage(Estimator est, int images, int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += est.value(rng.split());
    }
    return sum / n / images;
  }

  /** The data of the .ppl file: the images, the sizes and the initial weights. */
  private static DataFile data(Digits images, Map<String, RawValue> init, Settings s) {
    Map<String, RawValue> f = new LinkedHashMap<>();
    f.put("N", num(images.size()));
    List<RawValue> rows = new ArrayList<>();
    for (int[] px : images.pixels()) {
      List<RawValue> row = new ArrayList<>(px.length);
      for (int v : px) {
        row.add(num(v));
      }
      rows.add(new RawValue.Arr(row, 1, 1));
    }
    f.put("X", new RawValue.Arr(rows, 1, 1));
    f.put("H", num(s.hidden()));
    f.put("Z", num(s.latent()));
    f.putAll(init);
    return DataFile.of("digits", f);
  }

  private static RawValue num(int v) {
    return new RawValue.Num(v, true, 1, 1);
  }

  /** Initial weights, N(0, 1 / fan-in), seeded. */
  private static Map<String, RawValue> initialWeights(Settings s) {
    RandomStream rng = RandomStream.seeded(s.seed());
    Map<String, RawValue> w = new LinkedHashMap<>();
    w.put("enc_W1_init", gaussian(rng, Digits.PIXELS, s.hidden()));
    w.put("enc_W2_init", gaussian(rng, s.hidden(), s.latent()));
    w.put("dec_W1_init", gaussian(rng, s.latent(), s.hidden()));
    w.put("dec_W2_init", gaussian(rng, s.hidden(), Digits.PIXELS));
    return w;
  }

  private static RawValue gaussian(RandomStream rng, int rows, int cols) {
    double sd = 1 / Math.sqrt(rows);
    List<RawValue> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      List<RawValue> row = new ArrayList<>(cols);
      for (int j = 0; j < cols; j++) {
        row.add(new RawValue.Num(sd * rng.normal(), false, 1, 1));
      }
      out.add(new RawValue.Arr(row, 1, 1));
    }
    return new RawValue.Arr(out, 1, 1);
  }

  /**
   * Draws a code for each held-out image from the encoder and decodes it (the model's reported
   * {@code intensity}); writes one held-out image of each digit 0..9 (the first of each), the
   * originals above their reconstructions.
   */
  private static void writeReconstructions(
      Digits test, Map<String, GenerativeFunction> fns, long seed, Path png) {
    RandomStream rng = RandomStream.seeded(seed);
    Trace q = fns.get("q").simulate(rng.split());
    Trace p = fns.get("p").generate(rng.split(), q.choices()).trace();
    Tensor intensity = p.reported("intensity").orElseThrow();
    List<Integer> shown = new ArrayList<>();
    for (int digit = 0; digit <= 9; digit++) {
      for (int k = 0; k < test.size(); k++) {
        if (test.labels()[k] == digit) {
          shown.add(k);
          break;
        }
      }
    }
    int scale = 6;
    int cell = 8 * scale;
    int gap = 4;
    int n = shown.size();
    BufferedImage img =
        new BufferedImage(n * (cell + gap) + gap, 2 * cell + 3 * gap, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new java.awt.Color(40, 60, 110));
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.dispose();
    for (int i = 0; i < n; i++) {
      int k = shown.get(i);
      for (int pix = 0; pix < Digits.PIXELS; pix++) {
        fill(img, gap + i * (cell + gap), gap, pix, scale, test.pixels()[k][pix] / 16.0);
        fill(img, gap + i * (cell + gap), 2 * gap + cell, pix, scale, intensity.get(k, pix));
      }
    }
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      ImageIO.write(img, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Paints pixel {@code pix} of an 8x8 image at (x0, y0), white = 1 (ink on black). */
  private static void fill(BufferedImage img, int x0, int y0, int pix, int scale, double v) {
    int gray = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    int rgb = (gray << 16) | (gray << 8) | gray;
    int row = pix / 8;
    int col = pix % 8;
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        img.setRGB(x0 + col * scale + dx, y0 + row * scale + dy, rgb);
      }
    }
  }

  /** The file's {@code fit} declaration (compiled with one image, for its settings). */
  public static FitSpec declaredFit(Path ppl, Digits digits, Settings s) {
    return PplProgram.compile(ppl, data(digits.slice(0, 1), initialWeights(s), s)).fit();
  }

  /** Runs the example: {@code DigitsVae [steps] [out.png]}. */
  public static void main(String[] args) {
    Path ppl = ExampleFiles.example("vae.ppl");
    Digits digits = Digits.read(ExampleFiles.shared("data/digits.csv"));
    Settings d = Settings.full();
    FitSpec spec = declaredFit(ppl, digits, d);
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : (int) spec.steps().orElse(d.steps());
    Path png = Path.of(args.length > 1 ? args[1] : "vae_reconstructions.png");
    Settings s =
        new Settings(
            d.hidden(),
            d.latent(),
            d.trainImages(),
            d.testImages(),
            d.batch(),
            steps,
            spec.optimizer().settings().getOrDefault("lr", d.learningRate()),
            spec.seed().orElse(d.seed()));
    System.out.printf(
        Locale.ROOT,
        "VAE on the 8x8 digits: %d training and %d held-out images, %d hidden units, %d latent"
            + " dimensions, batches of %d, %d Adam steps (lr %g)%n",
        s.trainImages(),
        s.testImages(),
        s.hidden(),
        s.latent(),
        s.batch(),
        s.steps(),
        s.learningRate());
    Result r = run(ppl, digits, s, png);
    System.out.printf(
        Locale.ROOT,
        "ELBO per held-out image: %.1f nats before training, %.1f after (training images: %.1f);"
            + " %.1f s%n",
        r.elboBefore(),
        r.elboAfter(),
        r.trainElboAfter(),
        r.seconds());
    System.out.println("reconstructions (originals above, decoded below): " + png.toAbsolutePath());
  }
}
