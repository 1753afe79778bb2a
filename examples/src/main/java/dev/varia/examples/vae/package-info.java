/** A variational autoencoder on the 8x8 digits: {@code examples/vae.ppl} and its driver. */
package dev.varia.examples.vae;
