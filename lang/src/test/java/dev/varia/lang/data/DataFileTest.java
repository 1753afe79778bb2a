package dev.varia.lang.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.lang.Compilation;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostic;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.testing.Ppl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataFileTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "arK-arK",
        "earnings-logearn_interaction_z",
        "eight_schools-eight_schools_noncentered",
        "garch-garch11",
        "gp_pois_regr-gp_pois_regr",
        "kidiq-kidscore_momiq",
        "low_dim_gauss_mix-low_dim_gauss_mix",
        "mesquite-logmesquite",
        "sblrc-blr",
        "wells_data-wells_dist"
      })
  void everyPosteriordbDataFileReadsUnchanged(String name) {
    Diagnostics d = new Diagnostics();
    Optional<DataFile> f = DataFile.read(Ppl.posteriordb(name).resolve("data.json"), d);
    assertTrue(f.isPresent(), d.render());
    assertFalse(d.hasErrors(), d.render());
    assertFalse(f.get().fields().isEmpty());
  }

  @Test
  void integersAreAcceptedAsRealsAndMatricesAreListsOfRows() {
    Compilation c =
        Ppl.ok(
            Ppl.compile(
                "data {\n  N: int\n  x: real[N]\n  M: matrix[2, 3]\n}\n",
                "{\"N\": 2, \"x\": [1, 2.5], \"M\": [[1, 2, 3], [4, 5, 6]], \"extra\": 1}"));
    Tensor m = c.data().get().get("M");
    assertEquals(List.of(2, 3), List.of(m.shape().rows(), m.shape().cols()));
    assertEquals(6.0, m.get(1, 2));
    assertEquals(1.0, c.data().get().get("x").get(0));
    List<Diagnostic> notes =
        c.diagnostics().all().stream().filter(x -> x.code() == Code.N0506).toList();
    assertEquals(1, notes.size(), "one note for the undeclared field");
    assertTrue(notes.get(0).message().contains("extra"));
  }

  @Test
  void csvColumnsByHeaderAndMatrixColumns() {
    Diagnostics d = new Diagnostics();
    DataFile f = DataFile.parse("d.csv", "y,X[1],X[2]\n1.5,1,2\n2.5,3,4\n", d).orElseThrow();
    assertFalse(d.hasErrors(), d.render());
    DataBinder b = new DataBinder(f, d);
    Tensor x =
        b.bind(
                new FieldSpec(
                    "X",
                    false,
                    List.of(2, 2),
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    FieldSpec.Structure.NONE,
                    List.of("2", "2")),
                null,
                1,
                1)
            .orElseThrow();
    assertEquals(3.0, x.get(1, 0));
  }

  @Test
  void severalDataErrorsAreReportedAtOnceWithPositionsInTheDataFile() {
    Compilation c =
        Ppl.compile(
            "data {\n  N: int<lower=0>\n  y: real[N]\n  k: int[N]\n  s: real<lower=0>\n}\n",
            "{\n  \"N\": 3,\n  \"y\": [1, 2],\n  \"k\": [1, 2.5, 3],\n  \"s\": -1\n}");
    List<Diagnostic> errs = c.diagnostics().errors();
    assertEquals(3, errs.size(), c.diagnostics().render());
    assertEquals(Code.E0501, errs.get(0).code());
    assertEquals(3, errs.get(0).line());
    assertEquals(Code.E0502, errs.get(1).code());
    assertEquals(4, errs.get(1).line());
    assertEquals(Code.E0503, errs.get(2).code());
    assertTrue(errs.get(2).render().contains("^"), errs.get(2).render());
  }

  @Test
  void stanSpecialValuesAndDeepNesting() {
    Diagnostics d = new Diagnostics();
    DataFile f = DataFile.parse("d.json", "{\"a\": \"NaN\", \"b\": \"-Inf\"}", d).orElseThrow();
    assertTrue(((RawValue.Num) f.fields().get("b")).value() < 0);
    Diagnostics d2 = new Diagnostics();
    assertTrue(DataFile.parse("d.json", "{\"a\": " + "[".repeat(5000) + "}", d2).isEmpty());
    assertTrue(d2.hasErrors());
  }
}
