/** Reweighted wake-sleep on {@code examples/wake_sleep.ppl}: a discrete latent per data point. */
package dev.varia.examples.wakesleep;
