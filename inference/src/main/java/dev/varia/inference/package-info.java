/**
 * Programmable variational inference: the objective language, ADEV gradient estimators, optimisers,
 * the fit loop, automatic guides and diagnostics (being built; see the issues).
 */
package dev.varia.inference;
