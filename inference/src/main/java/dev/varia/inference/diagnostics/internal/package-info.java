/** Implementation details of the diagnostics (the generalised Pareto fit); not a public API. */
package dev.varia.inference.diagnostics.internal;
