package dev.varia.lang.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.testing.SharedFiles;
import dev.varia.lang.Compilation;
import dev.varia.lang.Compiler;
import dev.varia.lang.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the conformance programs of {@code spec/conformance}: each invalid program's first error has
 * the code and position its header states ({@code // expect: E0200 4:15}); each valid program
 * compiles and lowers, and its {@code // assess:} lines give the stated log density. A sibling
 * {@code NAME.json} or {@code NAME.csv} is the program's data.
 */
class ConformanceTest {
  private static final Pattern EXPECT =
      Pattern.compile("^// expect: (E\\d{4}|W\\d{4}|ok)(?: (\\d+):(\\d+))?", Pattern.MULTILINE);
  private static final Pattern ASSESS =
      Pattern.compile("^// assess (\\w+): (.*) => (\\S+)$", Pattern.MULTILINE);

  static Path dir(String kind) {
    return SharedFiles.root().resolve("spec").resolve("conformance").resolve(kind);
  }

  static Stream<Path> invalid() throws IOException {
    return list(dir("invalid"));
  }

  static Stream<Path> valid() throws IOException {
    return list(dir("valid"));
  }

  private static Stream<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.toString().endsWith(".ppl")).sorted().toList().stream();
    }
  }

  private static Optional<Path> data(Path ppl) {
    String base = ppl.getFileName().toString().replaceAll("\\.ppl$", "");
    for (String ext : List.of(".json", ".csv")) {
      Path p = ppl.resolveSibling(base + ext);
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Test
  void theCorpusHasAtLeastSixtyInvalidPrograms() throws IOException {
    assertTrue(invalid().count() >= 60, "invalid programs: " + invalid().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidProgramGivesItsDiagnostic(Path ppl) throws IOException {
    String text = Files.readString(ppl);
    Matcher m = EXPECT.matcher(text);
    if (!m.find() || m.group(1).equals("ok")) {
      fail(ppl + " has no '// expect: CODE LINE:COL' header");
    }
    Compilation c = Compiler.compileFile(ppl, data(ppl));
    List<Diagnostic> errs =
        c.diagnostics().all().stream().filter(d -> d.code().name().equals(m.group(1))).toList();
    Diagnostic first =
        c.diagnostics().all().stream()
            .filter(d -> d.isError() || d.code().name().startsWith("W"))
            .findFirst()
            .orElse(null);
    if (Boolean.getBoolean("varia.conformance.update") && first != null) {
      String header =
          "// expect: " + first.code().name() + " " + first.line() + ":" + first.column();
      Files.writeString(ppl, text.replaceFirst("^// expect: [^\\n]*", header));
      return;
    }
    assertTrue(
        first != null && first.code().name().equals(m.group(1)),
        ppl.getFileName() + ": expected " + m.group(1) + ", got:\n" + c.diagnostics().render());
    if (m.group(2) != null) {
      assertEquals(
          m.group(2) + ":" + m.group(3),
          first.line() + ":" + first.column(),
          ppl.getFileName() + ": position of " + first.render());
    }
    assertTrue(!errs.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validProgramCompiles(Path ppl) throws IOException {
    String text = Files.readString(ppl);
    Compilation c = Compiler.compileFile(ppl, data(ppl));
    assertTrue(c.ok(), ppl.getFileName() + ":\n" + c.diagnostics().render());
    assertTrue(c.program().isPresent(), ppl.getFileName() + " was not lowered");
    Matcher a = ASSESS.matcher(text);
    while (a.find()) {
      GenerativeFunction gf =
          GenerativeFunction.compile(
              c.program().get(), a.group(1), c.data().get(), Families.standard(), new ParamStore());
      ChoiceMap.Builder b = ChoiceMap.builder();
      for (String kv : a.group(2).split(";")) {
        if (kv.isBlank()) {
          continue;
        }
        String[] p = kv.split("=", 2);
        String[] nums = p[1].trim().replaceAll("[\\[\\]]", "").split(",");
        double[] v = new double[nums.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(nums[i].trim());
        }
        b.put(p[0].trim(), p[1].trim().startsWith("[") ? Tensor.vector(v) : Tensor.scalar(v[0]));
      }
      double expected = Double.parseDouble(a.group(3));
      double got = gf.assess(b.build()).logDensity();
      assertEquals(
          expected,
          got,
          1e-8 * Math.max(1, Math.abs(expected)),
          ppl.getFileName() + ": " + a.group());
    }
  }
}
