/** Implementation details of checkpoints (atomic files, the JSON layout); not a public API. */
package dev.varia.inference.checkpoint.internal;
