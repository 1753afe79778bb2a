/** Implementation details of the optimisers (the Moré–Thuente line search); not a public API. */
package dev.varia.inference.optim.internal;
