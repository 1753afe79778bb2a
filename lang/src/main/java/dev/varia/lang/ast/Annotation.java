package dev.varia.lang.ast;

import java.util.List;

/** A strategy annotation on a sample statement: {@code @reparam}, {@code @reinforce(ema = 0.9)}. */
public record Annotation(Name name, List<Arg> args, Loc loc) {
  /** Copies the list. */
  public Annotation {
    args = List.copyOf(args);
  }
}
