package dev.varia.lang.cli;

import dev.varia.lang.run.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code varia jshell}: the JDK's JShell with Varia on the class path and its fluent Java API
 * imported, for Java users who want Java at the prompt.
 */
@Command(
    name = "jshell",
    mixinStandardHelpOptions = true,
    description = "JShell with Varia on the class path and its Java API imported.")
final class JshellCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARG", description = "more jshell arguments")
  private List<String> extra = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path startup = Files.createTempFile("varia-jshell", ".jsh");
    startup.toFile().deleteOnExit();
    Files.writeString(startup, JshellStartup.script(), StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>();
    args.add("--class-path");
    args.add(System.getProperty("java.class.path"));
    args.add("--startup");
    args.add("DEFAULT");
    args.add("--startup");
    args.add(startup.toString());
    args.addAll(extra);
    if (ModuleLayer.boot().findModule("jdk.jshell").isEmpty()) {
      throw new UserError(
          "this Java runtime has no JShell (module jdk.jshell): run Varia with a full JDK 17+");
    }
    int status = JavaShellToolBuilder.builder().start(args.toArray(String[]::new));
    return status;
  }
}
