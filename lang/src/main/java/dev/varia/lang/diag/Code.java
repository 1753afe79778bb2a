package dev.varia.lang.diag;

/**
 * The stable codes of Varia's diagnostics. A code never changes meaning once published; {@code
 * spec/language.md} lists them all with examples. E = error, W = warning, N = note.
 */
public enum Code {
  // E00xx: reading and lexing
  E0001("unexpected character"),
  E0002("unterminated block comment"),
  E0003("number out of range"),
  E0004("file too large"),
  E0005("nesting too deep"),
  E0006("cannot read file"),

  // E01xx: syntax
  E0100("unexpected token"),
  E0101("missing token"),
  E0102("unexpected end of file"),

  // E02xx: names and scopes
  E0200("unknown name"),
  E0201("name already defined"),
  E0202("unknown distribution"),
  E0203("unknown function"),
  E0204("unknown type"),
  E0205("cannot assign to this name"),
  E0206("loop variable hides another name"),
  E0207("duplicate declaration"),
  E0208("unknown model or guide"),
  E0209("reserved name"),
  E0210("wrong kind of name"),

  // E03xx: types and shapes
  E0300("shape mismatch"),
  E0301("matrix product dimensions do not match"),
  E0302("wrong number of indices"),
  E0303("condition must be a single number"),
  E0304("index must be a whole number"),
  E0305("integer expected"),
  E0306("rank not supported"),
  E0307("wrong argument for a function"),
  E0308("value does not fit its declared type"),
  E0309("assignment changes the shape of a variable"),
  E0310("index out of range"),
  E0311("invalid constraint"),
  E0312("constant expected"),
  E0313("value expected"),

  // E04xx: distributions, sample sites, strategies
  E0400("wrong number of distribution arguments"),
  E0401("distribution argument outside its domain"),
  E0402("unknown or repeated argument name"),
  E0403("site sampled twice"),
  E0404("whole site sampled in a loop"),
  E0405("invalid left-hand side of ~"),
  E0406("strategy not applicable"),
  E0407("unknown strategy"),
  E0408("nothing finite to marginalise"),
  E0409("random choice inside marginalize"),
  E0410("distribution argument of the wrong shape"),
  W0411("observed value outside the distribution's support type"),
  E0412("site drawn both whole and element by element"),
  E0413("element draw with a batch shape"),
  E0414("statement not allowed here"),
  E0415("element draw of a non-scalar"),

  // E05xx: data
  E0500("data field missing"),
  E0501("data of the wrong shape"),
  E0502("data of the wrong type"),
  E0503("data outside its constraint"),
  E0504("malformed data file"),
  E0505("data file too deeply nested or too large"),
  N0506("data field not declared"),
  E0507("invalid size"),
  E0508("data definition failed"),

  // E06xx: model/guide consistency
  E0600("guide site missing from the model"),
  E0601("model latent never sampled by the guide"),
  E0602("guide support does not match the model's"),
  E0603("guide site shape does not match the model's"),

  // E07xx: functions, calls, objectives, fits
  E0700("wrong number of arguments"),
  E0701("recursive function"),
  E0702("function must end with return"),
  E0703("misplaced return"),
  E0704("unknown objective"),
  E0705("invalid objective argument"),
  E0706("unknown or invalid optimiser"),
  E0707("invalid fit setting"),
  E0708("unknown automatic guide"),
  E0709("objective construct outside an objective"),
  E0710("generative function expected"),
  E0711("program too large after inlining"),
  E0712("unused expression"),

  // E08xx: lowering
  E0800("cannot lower"),
  E0801("internal compiler error");

  private final String title;

  Code(String title) {
    this.title = title;
  }

  /** The code as printed, e.g. {@code E0200}. */
  public String id() {
    return name();
  }

  /** A short description of the kind of problem. */
  public String title() {
    return title;
  }

  /** The severity this code is reported with. */
  public Severity severity() {
    switch (name().charAt(0)) {
      case 'W':
        return Severity.WARNING;
      case 'N':
        return Severity.NOTE;
      default:
        return Severity.ERROR;
    }
  }
}
