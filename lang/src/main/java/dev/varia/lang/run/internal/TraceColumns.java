package dev.varia.lang.run.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.Trace;
import dev.varia.lang.run.DrawTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects traces into columns with Stan's flattened names: the random choices (in program order),
 * then the reported quantities. Every trace must have the quantities of the first.
 */
public final class TraceColumns {
  private final int n;
  private final LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
  private final List<String> choices = new ArrayList<>();
  private final List<String> reported = new ArrayList<>();

  /** Columns for {@code n} draws. */
  public TraceColumns(int n) {
    this.n = n;
  }

  /** Adds trace {@code t} as draw {@code s} (0-based; draw 0 fixes the columns). */
  public void add(Trace t, int s) {
    int[] filled = {0};
    for (Map.Entry<Address, Tensor> e : t.choices()) {
      put(s == 0 ? choices : null, e.getKey(), e.getValue(), s, filled);
    }
    for (Map.Entry<Address, Tensor> e : t.reported().entrySet()) {
      put(s == 0 ? reported : null, e.getKey(), e.getValue(), s, filled);
    }
    if (filled[0] != cols.size()) {
      throw new VariaException(
          "draw " + (s + 1) + " has other random choices or reported quantities than the first");
    }
  }

  /** The table, with each draw's log densities under the model and the guide. */
  public DrawTable table(double[] logP, double[] logG) {
    return new DrawTable(cols, choices, reported, logP, logG);
  }

  private void put(List<String> names, Address a, Tensor v, int s, int[] filled) {
    List<String> flat = Flatten.names(a, v);
    double[] values = Flatten.values(v);
    for (int k = 0; k < flat.size(); k++) {
      String name = flat.get(k);
      double[] col = cols.get(name);
      if (col == null) {
        if (names == null) {
          throw new VariaException(
              "draw " + (s + 1) + " has " + name + ", which the first draw does not");
        }
        col = new double[n];
        cols.put(name, col);
        names.add(name);
      }
      col[s] = values[k];
      filled[0]++;
    }
  }
}
