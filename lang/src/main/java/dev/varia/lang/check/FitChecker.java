package dev.varia.lang.check;

import dev.varia.core.ir.Span;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.CallRef;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.diag.Code;
import dev.varia.lang.objective.Catalog;
import dev.varia.lang.objective.FitSpec;
import dev.varia.lang.objective.ObjectiveDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks {@code fit} declarations (names, arities, argument values) and the consistency of each
 * model with its user-written guide (also for {@code guide q for m}).
 */
final class FitChecker {
  private final Checker env;

  FitChecker(Checker env) {
    this.env = env;
  }

  /** Objectives that marginalise a guide's auxiliary sites (those the model lacks). */
  private static final java.util.Set<String> HIERARCHICAL =
      java.util.Set.of("hvi", "iwhvi", "diwhvi");

  /** Guides fitted with a hierarchical objective somewhere in the file. */
  private final java.util.Set<String> auxiliaryGuides = new java.util.HashSet<>();

  /** Whether the fit's objective marginalises auxiliary choices: a library one, or marginal(q). */
  private boolean hierarchical(Decl.Fit f) {
    for (Decl.FitItem it : f.items()) {
      if (it instanceof Decl.FitItem.Named n) {
        String name = n.call().name().text();
        ObjectiveDef user = env.out.objectiveDefs.get(name);
        if (HIERARCHICAL.contains(name) || (user != null && user.marginalises())) {
          return true;
        }
      }
    }
    return false;
  }

  void checkAll() {
    for (Decl d : env.out.unit().decls()) {
      if (d instanceof Decl.Fit f && f.guide().isPresent() && hierarchical(f)) {
        auxiliaryGuides.add(f.guide().get().name().text());
      }
    }
    for (Decl.Gen g : env.gens.values()) {
      if (g.guide() && g.target().isPresent()) {
        String m = g.target().get().text();
        Decl.Gen model = env.gens.get(m);
        if (model == null || model.guide()) {
          env.error(
              Code.E0208,
              g.target().get().loc(),
              "guide "
                  + g.name().text()
                  + " is for '"
                  + m
                  + "', which is not a model"
                  + Suggest.hint(m, models()));
        } else {
          consistency(model, g, g.name().loc(), auxiliaryGuides.contains(g.name().text()));
        }
      }
    }
    Map<String, Loc> labels = new HashMap<>();
    for (Decl d : env.out.unit().decls()) {
      if (d instanceof Decl.Fit f) {
        fit(f, labels);
      }
    }
  }

  private List<String> models() {
    return env.gens.values().stream().filter(g -> !g.guide()).map(g -> g.name().text()).toList();
  }

  private void fit(Decl.Fit f, Map<String, Loc> labels) {
    String label = f.label().map(n -> n.text()).orElse(f.model().text());
    Loc prev = labels.putIfAbsent(label, f.loc());
    if (prev != null) {
      env.error(
          Code.E0207,
          f.label().map(n -> n.loc()).orElse(f.model().loc()),
          "a fit named '"
              + label
              + "' is already declared at line "
              + prev.line()
              + "; name fits with fit NAME: model ...");
    }
    boolean ok = true;
    String mname = f.model().text();
    Decl.Gen model = env.gens.get(mname);
    if (model == null || model.guide()) {
      env.error(
          Code.E0208,
          f.model().loc(),
          (model == null ? "unknown model '" + mname + "'" : mname + " is a guide, not a model")
              + Suggest.hint(mname, models()));
      ok = false;
    } else if (!model.params().isEmpty()) {
      env.error(
          Code.E0707,
          f.model().loc(),
          "a fitted model takes no arguments; " + mname + " takes " + model.params().size());
      ok = false;
    }
    FitSpec.GuideChoice guide = new FitSpec.GuideChoice.Auto("auto_normal", Map.of());
    if (f.guide().isPresent()) {
      CallRef g = f.guide().get();
      String gn = g.name().text();
      Optional<Catalog.Entry> auto = Catalog.autoGuide(gn);
      if (auto.isPresent()) {
        Map<String, Double> opts = args(auto.get(), g, "automatic guide", Code.E0708);
        guide = new FitSpec.GuideChoice.Auto(gn, opts == null ? Map.of() : opts);
        ok &= opts != null;
      } else if (env.gens.containsKey(gn) && env.gens.get(gn).guide()) {
        if (g.hasParens()) {
          env.error(Code.E0707, g.loc(), "a guide takes no arguments in a fit");
        }
        guide = new FitSpec.GuideChoice.User(gn);
        if (model != null && !model.guide()) {
          consistency(model, env.gens.get(gn), g.name().loc(), hierarchical(f));
        }
      } else if (gn.startsWith("auto_")) {
        env.error(
            Code.E0708,
            g.name().loc(),
            "unknown automatic guide '"
                + gn
                + "'"
                + Suggest.hint(gn, Catalog.autoGuideNames())
                + "; they are "
                + String.join(", ", Catalog.autoGuideNames()));
        ok = false;
      } else {
        List<String> cands = new ArrayList<>(Catalog.autoGuideNames());
        env.gens.values().stream().filter(Decl.Gen::guide).forEach(x -> cands.add(x.name().text()));
        env.error(
            Code.E0208,
            g.name().loc(),
            (env.gens.containsKey(gn)
                    ? gn + " is a model, not a guide"
                    : "unknown guide '" + gn + "'")
                + Suggest.hint(gn, cands));
        ok = false;
      }
    }
    FitSpec.ObjectiveChoice objective = new FitSpec.ObjectiveChoice.Library("elbo", Map.of());
    FitSpec.OptimizerChoice optimizer =
        new FitSpec.OptimizerChoice(
            "adam", Map.of("lr", 0.01, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8));
    boolean seenObjective = false;
    boolean seenOptimizer = false;
    Long steps = null;
    Long particles = null;
    Long seed = null;
    for (Decl.FitItem it : f.items()) {
      if (it instanceof Decl.FitItem.Steps s) {
        if (steps != null) {
          env.error(Code.E0707, s.loc(), "steps is given twice");
        }
        steps = count(s.value(), "steps", 1);
        ok &= steps != null;
      } else if (it instanceof Decl.FitItem.Particles p) {
        if (particles != null) {
          env.error(Code.E0707, p.loc(), "particles is given twice");
        }
        particles = count(p.value(), "particles", 1);
        ok &= particles != null;
      } else if (it instanceof Decl.FitItem.Seed s) {
        if (seed != null) {
          env.error(Code.E0707, s.loc(), "seed is given twice");
        }
        seed = count(s.value(), "seed", 0);
        ok &= seed != null;
      } else {
        CallRef c = ((Decl.FitItem.Named) it).call();
        String n = c.name().text();
        Optional<Catalog.Entry> lib = Catalog.objective(n);
        Optional<Catalog.Entry> opt = Catalog.optimizer(n);
        if (lib.isPresent() || env.objectives.containsKey(n)) {
          if (seenObjective) {
            env.error(Code.E0707, c.loc(), "a fit has one objective");
          }
          seenObjective = true;
          if (lib.isPresent()) {
            Map<String, Double> a = args(lib.get(), c, "objective", Code.E0705);
            ok &= a != null;
            objective = new FitSpec.ObjectiveChoice.Library(n, a == null ? Map.of() : a);
          } else {
            FitSpec.ObjectiveChoice uo = userObjective(env.objectives.get(n), c);
            ok &= uo != null;
            if (uo != null) {
              objective = uo;
            }
          }
        } else if (opt.isPresent()) {
          if (seenOptimizer) {
            env.error(Code.E0707, c.loc(), "a fit has one optimiser");
          }
          seenOptimizer = true;
          Map<String, Double> a = args(opt.get(), c, "optimiser", Code.E0706);
          ok &= a != null;
          if (a != null) {
            Map<String, Double> all = new LinkedHashMap<>(opt.get().defaults());
            all.putAll(a);
            optimizer = new FitSpec.OptimizerChoice(n, all);
          }
        } else {
          List<String> cands = new ArrayList<>(Catalog.objectiveNames());
          cands.addAll(Catalog.optimizerNames());
          cands.addAll(env.objectives.keySet());
          env.error(
              Code.E0704,
              c.name().loc(),
              "unknown objective or optimiser '" + n + "'" + Suggest.hint(n, cands));
          ok = false;
        }
      }
    }
    if (ok) {
      env.out.fits.add(
          new FitSpec(
              label,
              mname,
              guide,
              objective,
              optimizer,
              steps == null ? OptionalLong.empty() : OptionalLong.of(steps),
              particles == null ? OptionalLong.empty() : OptionalLong.of(particles),
              seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
              new Span(env.file.name(), f.loc().line(), f.loc().column())));
    }
  }

  private Long count(Expr e, String what, long min) {
    Optional<Double> v = ConstEval.literals().scalar(e);
    if (v.isEmpty() || v.get() != Math.rint(v.get()) || v.get() < min || v.get() > 9.0e15) {
      env.error(Code.E0707, e.loc(), what + " must be a whole number >= " + min);
      return null;
    }
    return v.get().longValue();
  }

  /** The numeric arguments of a catalog entry, by name; null after an error. */
  private Map<String, Double> args(Catalog.Entry entry, CallRef c, String what, Code code) {
    Map<String, Double> out = new LinkedHashMap<>();
    int pos = 0;
    boolean ok = true;
    for (Arg a : c.args()) {
      String name;
      if (a.name().isPresent()) {
        name = a.name().get().text();
        if (!entry.args().contains(name)) {
          env.error(
              code,
              a.name().get().loc(),
              entry.name()
                  + " has no argument '"
                  + name
                  + "'"
                  + (entry.args().isEmpty()
                      ? ""
                      : " (its arguments are " + String.join(", ", entry.args()) + ")"));
          ok = false;
          continue;
        }
      } else {
        if (pos >= entry.args().size()) {
          env.error(code, a.loc(), entry.name() + " takes " + entry.args().size() + " argument(s)");
          ok = false;
          continue;
        }
        name = entry.args().get(pos++);
      }
      Optional<Double> v = ConstEval.literals().scalar(a.value());
      if (v.isEmpty()) {
        env.error(
            code, a.value().loc(), "the arguments of a " + what + " must be constant numbers");
        ok = false;
        continue;
      }
      if (out.put(name, v.get()) != null) {
        env.error(code, a.loc(), "argument '" + name + "' is given twice");
        ok = false;
      }
    }
    for (String r : entry.args()) {
      if (entry.required(r) && !out.containsKey(r)) {
        env.error(
            code,
            c.loc(),
            entry.name()
                + " needs the argument '"
                + r
                + "', e.g. "
                + entry.name()
                + "("
                + r
                + " = 8)");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private FitSpec.ObjectiveChoice userObjective(Decl.Objective o, CallRef c) {
    List<String> gen = new ArrayList<>();
    List<String> num = new ArrayList<>();
    for (Decl.ObjParam p : o.params()) {
      (p.type().isPresent() ? num : gen).add(p.name().text());
    }
    if (gen.size() != 2) {
      env.error(
          Code.E0705,
          c.loc(),
          "objective "
              + o.name().text()
              + " takes "
              + gen.size()
              + " generative function(s); a fit binds two: the model and the guide");
      return null;
    }
    if (env.out.objectives().get(o.name().text()) == null) {
      return null; // the objective itself has errors, reported where it is declared
    }
    Catalog.Entry entry = new Catalog.Entry(o.name().text(), num, Map.of(), "objective");
    Map<String, Double> a = args(entry, c, "objective", Code.E0705);
    if (a == null) {
      return null;
    }
    return new FitSpec.ObjectiveChoice.User(env.out.objectives().get(o.name().text()), a);
  }

  /**
   * Checks that guide {@code g} matches model {@code m}'s latent sites; with {@code auxiliary} (the
   * guide is fitted with a hierarchical objective, hvi/iwhvi/diwhvi) the guide's sites that the
   * model lacks are its auxiliary variables, marginalised by the objective.
   */
  void consistency(Decl.Gen m, Decl.Gen g, Loc at, boolean auxiliary) {
    Map<String, SiteInfo> ms = flatten(m.name().text(), "", 0);
    Map<String, SiteInfo> gs = flatten(g.name().text(), "", 0);
    for (SiteInfo s : gs.values()) {
      SiteInfo t = ms.get(s.name());
      if (t == null && auxiliary) {
        continue;
      }
      if (t == null) {
        List<String> cands = new ArrayList<>(ms.keySet());
        env.error(
            Code.E0600,
            s.loc(),
            "guide "
                + g.name().text()
                + " samples '"
                + s.name()
                + "', but model "
                + m.name().text()
                + " has no latent '"
                + s.name()
                + "'"
                + Suggest.hint(s.name(), cands)
                + " (a guide's auxiliary variables are allowed when it is fitted with hvi, iwhvi,"
                + " diwhvi or an objective using marginal(q))");
        continue;
      }
      if (!t.support().acceptsGuide(s.support())) {
        env.error(
            Code.E0602,
            s.loc(),
            "guide "
                + g.name().text()
                + " draws '"
                + s.name()
                + "' from "
                + s.dist()
                + " (support: "
                + s.support()
                + "), but in model "
                + m.name().text()
                + " '"
                + s.name()
                + "' has support "
                + t.support());
      } else if (s.rank() >= 0 && t.rank() >= 0 && s.rank() != t.rank()) {
        env.error(
            Code.E0603,
            s.loc(),
            "guide "
                + g.name().text()
                + " draws '"
                + s.name()
                + "' with "
                + s.rank()
                + " dimension(s), but model "
                + m.name().text()
                + " draws it with "
                + t.rank());
      }
    }
    for (SiteInfo t : ms.values()) {
      if (!gs.containsKey(t.name())) {
        env.error(
            Code.E0601,
            at,
            "model "
                + m.name().text()
                + "'s latent '"
                + t.name()
                + "' (line "
                + t.loc().line()
                + ") is never sampled by guide "
                + g.name().text());
      }
    }
  }

  private Map<String, SiteInfo> flatten(String gen, String prefix, int depth) {
    Map<String, SiteInfo> out = new LinkedHashMap<>();
    Map<String, SiteInfo> sites = env.out.sites.getOrDefault(gen, Map.of());
    for (SiteInfo s : sites.values()) {
      String n = prefix + s.name();
      if (s.isCall()) {
        if (depth < 8 && !s.callee().equals(gen)) {
          out.putAll(flatten(s.callee(), n + (s.elementwise() ? "[]" : "") + ".", depth + 1));
        }
      } else {
        out.put(
            n, new SiteInfo(n, s.loc(), s.support(), s.rank(), s.dist(), s.elementwise(), null));
      }
    }
    return out;
  }
}
