/** Implementation details of {@link dev.varia.lang.run}; not for users. */
package dev.varia.lang.run.internal;
