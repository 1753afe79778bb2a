package dev.varia.lang.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.varia.core.testing.SharedFiles;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random mutations of valid programs (and of their data) — deleted, duplicated
 * and swapped tokens, truncations, random bytes, huge numbers, deep nesting — must give diagnostics
 * or a valid result: never an exception, an internal error (E0801) or a hang.
 */
class MutationRobustnessTest {
  private static final int CASES = 3000;
  private static final Pattern TOKEN =
      Pattern.compile(
          "[A-Za-z_][A-Za-z0-9_]*|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|\\s+|.", Pattern.DOTALL);
  private static final String[] WORDS = {
    "model",
    "guide",
    "data",
    "fit",
    "for",
    "in",
    "if",
    "else",
    "~",
    "=",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "@enum",
    "@reparam",
    "report",
    "param",
    "var",
    "factor",
    "marginalize",
    "plate",
    "E",
    "sim",
    "return",
    "fn",
    "objective",
    "1e309",
    "99999999999999999999999",
    "0",
    "-1",
    "..",
    ":",
    "'",
    ".",
    ";",
    "\n",
    "normal",
    "poisson",
    "x",
    "y",
    "N",
    "real",
    "int",
    "vector[N]",
    "<lower=0>"
  };

  record Seed(String name, String text, Optional<String> data, String dataName) {}

  static List<Seed> seeds() throws IOException {
    List<Seed> out = new ArrayList<>();
    Path root = SharedFiles.root().resolve("spec").resolve("conformance");
    for (String kind : List.of("valid", "invalid")) {
      try (Stream<Path> s = Files.list(root.resolve(kind))) {
        for (Path p : s.filter(x -> x.toString().endsWith(".ppl")).sorted().toList()) {
          String base = p.getFileName().toString().replace(".ppl", "");
          Optional<String> data = Optional.empty();
          String dataName = "data.json";
          for (String ext : List.of(".json", ".csv")) {
            Path d = p.resolveSibling(base + ext);
            if (Files.exists(d)) {
              data = Optional.of(Files.readString(d));
              dataName = "data" + ext;
            }
          }
          out.add(new Seed(kind + "/" + base, Files.readString(p), data, dataName));
        }
      }
    }
    return out;
  }

  @Test
  void mutationsNeverCrashOrHang() throws IOException {
    List<Seed> seeds = seeds();
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          SplittableRandom rng = new SplittableRandom(20261128);
          for (int i = 0; i < CASES; i++) {
            Seed s = seeds.get(rng.nextInt(seeds.size()));
            long caseSeed = rng.nextLong();
            SplittableRandom r = new SplittableRandom(caseSeed);
            String text = mutate(s.text(), r);
            Optional<String> data = s.data();
            if (data.isPresent() && r.nextInt(4) == 0) {
              data = Optional.of(mutate(data.get(), r));
            }
            run(s, text, data, caseSeed);
          }
        });
  }

  @Test
  void hostileInputsGiveDiagnostics() {
    List<String> inputs = new ArrayList<>();
    inputs.add("model m {\n  x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n}\n");
    inputs.add("model m {\n  x = " + "-".repeat(100_000) + "1\n}\n");
    inputs.add("model m {\n  x = 1" + " + 1".repeat(20_000) + "\n}\n");
    inputs.add("model m {\n  x = 2" + "^2".repeat(20_000) + "\n}\n");
    inputs.add("model m {\n" + "  if 1 { factor(0) } else ".repeat(5_000) + "{ factor(0) }\n}\n");
    inputs.add("model m {\n" + "  for i in 1..2 {\n".repeat(200) + "}\n".repeat(200) + "}\n");
    inputs.add("\u0000\u0001\u0002\uFFFF\uD800 model");
    inputs.add("model m { x = 1e99999 }");
    inputs.add("x".repeat(5_000_000));
    inputs.add(
        "fn f(x: real) -> real = g(x)\nfn g(x: real) -> real = f(x)\nmodel m { y = f(1) }\n");
    StringBuilder blowup = new StringBuilder("fn f0(x: real) -> real = x + 1\n");
    for (int k = 1; k < 30; k++) {
      blowup
          .append("fn f")
          .append(k)
          .append("(x: real) -> real = f")
          .append(k - 1)
          .append("(x) + f")
          .append(k - 1)
          .append("(x)\n");
    }
    blowup.append("model m {\n  y = f29(1.0)\n  1 ~ normal(y, 1)\n}\n");
    inputs.add(blowup.toString());
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          int k = 0;
          for (String in : inputs) {
            Compilation c =
                Compiler.compile(new SourceFile("hostile" + k + ".ppl", in), Optional.empty());
            check(c, "hostile input " + k++, in);
          }
        });
  }

  private static void run(Seed s, String text, Optional<String> data, long caseSeed) {
    Optional<DataFile> df = Optional.empty();
    if (data.isPresent()) {
      Diagnostics d = new Diagnostics();
      df = DataFile.parse(s.dataName(), data.get(), d);
      for (Diagnostic x : d.all()) {
        if (x.code() == Code.E0801) {
          fail(
              "internal error reading data of "
                  + s.name()
                  + " (seed "
                  + caseSeed
                  + "): "
                  + x.render());
        }
      }
      if (df.isEmpty()) {
        return;
      }
    }
    Compilation c;
    try {
      c = Compiler.compile(new SourceFile("mutant.ppl", text), df);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "exception compiling a mutant of " + s.name() + " (seed " + caseSeed + "):\n" + text, e);
    }
    check(c, "mutant of " + s.name() + " (seed " + caseSeed + ")", text);
  }

  private static void check(Compilation c, String what, String text) {
    for (Diagnostic d : c.diagnostics().all()) {
      if (d.code() == Code.E0801) {
        fail(what + ": " + d.render() + "\n--- program ---\n" + shorten(text));
      }
      d.render();
    }
  }

  private static String shorten(String s) {
    return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
  }

  static String mutate(String text, SplittableRandom r) {
    List<String> toks = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      toks.add(m.group());
    }
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n && !toks.isEmpty(); k++) {
      int i = r.nextInt(toks.size());
      switch (r.nextInt(9)) {
        case 0:
          toks.remove(i);
          break;
        case 1:
          toks.add(i, toks.get(i));
          break;
        case 2:
          if (i + 1 < toks.size()) {
            String t = toks.get(i);
            toks.set(i, toks.get(i + 1));
            toks.set(i + 1, t);
          }
          break;
        case 3:
          toks = new ArrayList<>(toks.subList(0, i));
          break;
        case 4:
          {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(4);
            for (int j = 0; j < len; j++) {
              b.append((char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
            }
            toks.add(i, b.toString());
            break;
          }
        case 5:
          toks.add(i, r.nextBoolean() ? "1e308" : Long.toString(r.nextLong()) + "0000000000");
          break;
        case 6:
          {
            int depth = r.nextInt(3) == 0 ? 200 : 1 + r.nextInt(20);
            String open = r.nextBoolean() ? "(" : r.nextBoolean() ? "[" : "{";
            toks.add(i, open.repeat(depth));
            break;
          }
        case 7:
          toks.set(i, WORDS[r.nextInt(WORDS.length)]);
          break;
        default:
          toks.add(i, WORDS[r.nextInt(WORDS.length)]);
          break;
      }
    }
    return String.join("", toks);
  }
}
