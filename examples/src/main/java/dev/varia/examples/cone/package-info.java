/** The noisy cone: hierarchical families (HVI, IWHVI, DIWHVI) against mean-field guides. */
package dev.varia.examples.cone;
