package dev.varia.core.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceMapTest {
  private final ChoiceMap map =
      ChoiceMap.builder()
          .put("mu", 1.5)
          .put("eta", Tensor.vector(0.1, 0.2, 0.3))
          .put("L", Tensor.matrix(new double[][] {{1, 0}, {0.5, 2}}))
          .put("step/2/z", 7.0)
          .build();

  @Test
  void looksUpEntriesAndElements() {
    assertEquals(1.5, map.get("mu").orElseThrow().item());
    assertEquals(0.2, map.get("eta/1").orElseThrow().item());
    assertEquals(0.5, map.get("L/1/0").orElseThrow().item());
    assertEquals(Tensor.vector(0.5, 2), map.get("L/1").orElseThrow());
    assertEquals(7.0, map.get("step/2/z").orElseThrow().item());
    assertFalse(map.has(Address.parse("eta/3")));
    assertFalse(map.has(Address.parse("nope")));
    assertTrue(map.hasEntry(Address.parse("eta")));
    assertFalse(map.hasEntry(Address.parse("eta/1")));
  }

  @Test
  void iteratesInInsertionOrder() {
    List<String> order = new ArrayList<>();
    map.forEach(e -> order.add(e.getKey().toString()));
    assertEquals(List.of("mu", "eta", "L", "step/2/z"), order);
  }

  @Test
  void mergeRejectsConflicts() {
    ChoiceMap other = ChoiceMap.of("tau", Tensor.scalar(2));
    ChoiceMap merged = map.merge(other);
    assertEquals(5, merged.size());
    assertEquals(2.0, merged.get("tau").orElseThrow().item());
    VariaException e =
        assertThrows(VariaException.class, () -> map.merge(ChoiceMap.of("mu", Tensor.scalar(0))));
    assertTrue(e.getMessage().contains("mu"), e.getMessage());
    assertThrows(
        VariaException.class, () -> ChoiceMap.builder().put("a", 1.0).put("a", 2.0).build());
  }

  @Test
  void filtersBySelection() {
    ChoiceMap s = map.filter(Selection.of("step", "mu"));
    assertEquals(
        List.of(Address.parse("mu"), Address.parse("step/2/z")), List.copyOf(s.addresses()));
    ChoiceMap c = map.filter(Selection.of("step", "mu").complement());
    assertEquals(List.of(Address.parse("eta"), Address.parse("L")), List.copyOf(c.addresses()));
    assertEquals(map, map.filter(Selection.all()));
    assertTrue(map.filter(Selection.none()).isEmpty());
  }
}
