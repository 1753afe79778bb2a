/**
 * Seeded generators of the examples' synthetic data (with the parameters that generated them), the
 * writer of the data files beside the examples ({@code examples/*.csv}), and the lookup of example
 * and shared files at run time.
 */
package dev.varia.examples.data;
