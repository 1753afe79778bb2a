package dev.varia.lang.check;

import dev.varia.lang.ast.Loc;

/**
 * A latent site of a model or guide, as the checker sees it (for model/guide consistency): its
 * name, where it is drawn, its support, its rank, and the distribution's name; for a traced call,
 * the callee (its sites appear under the namespace).
 */
public record SiteInfo(
    String name,
    Loc loc,
    Support support,
    int rank,
    String dist,
    boolean elementwise,
    String callee) {
  /** True for a traced call's namespace rather than a random choice. */
  public boolean isCall() {
    return callee != null;
  }
}
