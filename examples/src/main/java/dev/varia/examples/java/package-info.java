/** Examples of the fluent Java API: models built in Java and run through the GFI. */
package dev.varia.examples.java;
