/**
 * Checkpoints of a fit (parameters, optimiser state, step, objective history, random-stream
 * position) saved atomically as JSON and loaded with clear errors for broken or mismatched files.
 */
package dev.varia.inference.checkpoint;
