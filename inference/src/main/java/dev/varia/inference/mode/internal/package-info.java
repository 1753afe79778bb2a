/** Implementation of the unconstrained latent space: the model runner and value recording. */
package dev.varia.inference.mode.internal;
