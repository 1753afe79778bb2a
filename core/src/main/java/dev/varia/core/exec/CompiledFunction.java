package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.gen.Address;

/** A generative function compiled to instructions, with its number of local slots. */
public final class CompiledFunction {
  private final String name;
  private final CompiledProgram program;
  private final int arity;
  private Instr[] code;
  private int slotCount;

  CompiledFunction(String name, CompiledProgram program, int arity) {
    this.name = name;
    this.program = program;
    this.arity = arity;
  }

  void define(Instr[] code, int slotCount) {
    this.code = code;
    this.slotCount = slotCount;
  }

  /** The function's name. */
  public String name() {
    return name;
  }

  /** Number of arguments. */
  public int arity() {
    return arity;
  }

  /** The program it belongs to. */
  public CompiledProgram program() {
    return program;
  }

  Instr[] code() {
    return code;
  }

  Frames.FunctionFrame newFrame(
      Node[] args, Handler handler, Address prefix, ReturnTarget target, boolean boundary) {
    if (args.length != arity) {
      throw new dev.varia.core.VariaException(
          name + " takes " + arity + " arguments, got " + args.length);
    }
    Object[] env = new Object[slotCount];
    System.arraycopy(args, 0, env, 0, args.length);
    return new Frames.FunctionFrame(this, env, handler, prefix, target, boundary);
  }

  @Override
  public String toString() {
    return "CompiledFunction(" + name + ")";
  }
}
