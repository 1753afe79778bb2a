/** Implementation of the results: the handler that replicates observations. */
package dev.varia.inference.results.internal;
