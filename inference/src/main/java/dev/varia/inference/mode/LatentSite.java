package dev.varia.inference.mode;

import dev.varia.core.ad.Shape;
import dev.varia.core.gen.Address;

/**
 * One latent random choice of a model as an automatic guide sees it: where it is, the shape of its
 * constrained value, and the slice of the guide's unconstrained vector that holds it.
 *
 * @param address the site's address
 * @param element the element drawn, for sites drawn one element at a time ({@code x[t] ~ ...});
 *     empty for a whole draw
 * @param shape the shape of the constrained value
 * @param unconstrainedShape the shape of its unconstrained value (a K-simplex has K - 1)
 * @param offset the position of its first unconstrained value in the guide's vector
 * @param distribution the name of the site's distribution
 * @param support a description of the site's support (as met in the discovery run)
 */
public record LatentSite(
    Address address,
    int[] element,
    Shape shape,
    Shape unconstrainedShape,
    int offset,
    String distribution,
    String support) {
  /** Copies the element index. */
  public LatentSite {
    element = element.clone();
  }

  /** The number of unconstrained values. */
  public int size() {
    return unconstrainedShape.size();
  }

  /** The address of what is drawn (the element's, for element draws). */
  public Address elementAddress() {
    Address a = address;
    for (int i : element) {
      a = a.child(i);
    }
    return a;
  }

  /** The Stan-style name of what is drawn: {@code sigma}, {@code x[3]}. */
  public String name() {
    return elementAddress().displayName();
  }

  @Override
  public int[] element() {
    return element.clone();
  }
}
