/** Implementation of the automatic guides (the normalising flow's distribution and families). */
package dev.varia.inference.guide.internal;
