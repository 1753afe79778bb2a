package dev.varia.core.ir;

import java.util.List;

/**
 * A generative function in the IR: named arguments and a body. Models and guides are generative
 * functions; both the .ppl language and the Java builder produce this form.
 */
public record GenFn(String name, List<String> args, Block body, Span span) {
  /** Copies the list. */
  public GenFn {
    args = List.copyOf(args);
  }
}
