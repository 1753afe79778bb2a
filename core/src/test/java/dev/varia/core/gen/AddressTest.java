package dev.varia.core.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void parsesAndPrintsHierarchicalAddresses() {
    Address a = Address.parse("step/2/z");
    assertEquals(List.of("step", 2, "z"), a.components());
    assertEquals("step/2/z", a.toString());
    assertEquals(Address.of("step", 2, "z"), a);
    assertEquals(a.hashCode(), Address.root().child("step").child(2).child("z").hashCode());
    assertEquals("", Address.root().toString());
    assertTrue(Address.parse("").isRoot());
  }

  @Test
  void displayNamesAreStanStyleAndOneBased() {
    assertEquals("theta", Address.parse("theta").displayName());
    assertEquals("eta[4]", Address.parse("eta/3").displayName());
    assertEquals("L[2,1]", Address.parse("L/1/0").displayName());
    assertEquals("step[3].z", Address.parse("step/2/z").displayName());
    assertEquals("a.b[1].c", Address.parse("a/b/0/c").displayName());
  }

  @Test
  void prefixesAndOrder() {
    Address a = Address.parse("step/2/z");
    assertTrue(a.startsWith(Address.parse("step")));
    assertTrue(a.startsWith(Address.parse("step/2")));
    assertTrue(a.startsWith(Address.root()));
    assertFalse(a.startsWith(Address.parse("step/3")));
    assertFalse(Address.parse("step").startsWith(a));
    assertEquals(a, Address.parse("2/z").under(Address.parse("step")));
    assertTrue(Address.parse("x/2").compareTo(Address.parse("x/10")) < 0);
    assertTrue(Address.parse("a").compareTo(Address.parse("b")) < 0);
    assertNotEquals(Address.parse("x/1"), Address.parse("x/one"));
  }

  @Test
  void rejectsBadComponents() {
    assertThrows(IllegalArgumentException.class, () -> Address.parse("a//b"));
    assertThrows(IllegalArgumentException.class, () -> Address.root().child(-1));
    assertThrows(IllegalArgumentException.class, () -> Address.root().child("a/b"));
  }
}
