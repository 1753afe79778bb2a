package dev.varia.core.model;

import dev.varia.core.ir.Span;

/**
 * Spans for code built in Java: the file and line of the user's call into the builder, so errors
 * point at the Java source that built the offending statement.
 */
final class Spans {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private Spans() {}

  static Span caller() {
    return WALKER.walk(
        frames ->
            frames
                .filter(f -> !f.getClassName().startsWith("dev.varia.core.model."))
                .findFirst()
                .map(
                    f ->
                        new Span(
                            f.getFileName() == null ? f.getClassName() : f.getFileName(),
                            Math.max(f.getLineNumber(), 1),
                            1))
                .orElse(Span.synthetic("java")));
  }
}
