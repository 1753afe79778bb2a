package dev.varia.examples.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.testing.SharedFiles;
import dev.varia.examples.testing.Examples;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAE of {@code examples/vae.ppl} on the 8x8 digits (../shared/data/digits.csv): training
 * raises the ELBO per held-out image far above its initial value, and the reconstructions PNG is
 * written. Small settings (a smaller network, 600 training images, 800 steps) unless the system
 * property {@code varia.examples.full} is true, which runs the example's own settings.
 */
class DigitsVaeTest {
  @Test
  void trainingImprovesTheElboAndWritesTheReconstructions(@TempDir Path dir) throws IOException {
    Digits digits = Digits.read(SharedFiles.shared("data/digits.csv"));
    assertEquals(1797, digits.size());
    boolean full = Boolean.getBoolean("varia.examples.full");
    DigitsVae.Settings s = full ? DigitsVae.Settings.full() : DigitsVae.Settings.small();
    Path png = dir.resolve("reconstructions.png");
    DigitsVae.Result r = DigitsVae.run(Examples.file("vae.ppl"), digits, s, png);
    assertTrue(r.fit().ok(), r.fit().message());
    // at the initial weights every pixel has probability about 1/2: about -500 nats per image
    assertTrue(r.elboBefore() < -400, "initial ELBO per image " + r.elboBefore());
    assertTrue(
        r.elboAfter() > (full ? -120 : -170),
        "held-out ELBO per image " + r.elboAfter() + " (before: " + r.elboBefore() + ")");
    assertTrue(r.elboAfter() - r.elboBefore() > 250, "improvement " + r);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img != null, "the PNG is readable");
    assertEquals(10 * (48 + 4) + 4, img.getWidth(), "ten digits side by side");
    assertEquals(2 * 48 + 3 * 4, img.getHeight(), "originals above reconstructions");
  }
}
