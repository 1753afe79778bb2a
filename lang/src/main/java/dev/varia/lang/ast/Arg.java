package dev.varia.lang.ast;

import java.util.Optional;

/** An argument of a call: positional ({@code f(x)}) or named ({@code f(lr = 0.01)}). */
public record Arg(Optional<Name> name, Expr value, Loc loc) {}
