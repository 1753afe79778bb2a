/** Runnable examples of the Java API and the acceptance suites. */
package dev.varia.examples;
