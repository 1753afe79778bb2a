/**
 * The seam between the language and the inference layer: checked {@code fit} declarations ({@link
 * dev.varia.lang.objective.FitSpec}) and user-written objectives in an intermediate form ({@link
 * dev.varia.lang.objective.ObjForm}) that the inference layer translates into its objective IR.
 */
package dev.varia.lang.objective;
