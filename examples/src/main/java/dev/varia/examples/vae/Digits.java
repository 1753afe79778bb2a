package dev.varia.examples.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 8x8 handwritten digits (UCI, Alpaydin and Kaynak 1998; the copy in {@code
 * ../shared/data/digits.csv}): each row holds 64 pixel counts (0..16, row-major) and the label.
 *
 * @param pixels one image per row, 64 counts each
 * @param labels the digit shown (0..9)
 */
public record Digits(int[][] pixels, int[] labels) {
  /** Pixels per image. */
  public static final int PIXELS = 64;

  /** Copies the arrays. */
  public Digits {
    pixels = Arrays.stream(pixels).map(int[]::clone).toArray(int[][]::new);
    labels = labels.clone();
  }

  /** Reads the CSV file (no header; 65 integers a line). */
  public static Digits read(Path csv) {
    List<int[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(csv)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != PIXELS + 1) {
          throw new IllegalArgumentException(
              csv + ": expected " + (PIXELS + 1) + " values a line, got " + f.length);
        }
        int[] px = new int[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
          px[i] = Integer.parseInt(f[i].trim());
        }
        rows.add(px);
        labels.add(Integer.parseInt(f[PIXELS].trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Digits(
        rows.toArray(new int[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The number of images. */
  public int size() {
    return labels.length;
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive). */
  public Digits slice(int from, int to) {
    return new Digits(Arrays.copyOfRange(pixels, from, to), Arrays.copyOfRange(labels, from, to));
  }
}
