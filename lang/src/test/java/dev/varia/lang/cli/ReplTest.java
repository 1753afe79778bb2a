package dev.varia.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven by scripted input on a dumb terminal. */
class ReplTest {
  @TempDir Path dir;

  private String session(String script) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t =
        TerminalBuilder.builder()
            .system(false)
            .streams(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out)
            .type(Terminal.TYPE_DUMB)
            .encoding(StandardCharsets.UTF_8)
            .build()) {
      assertEquals(0, new Repl(t, null).run());
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void loadFitSummaryAndAnErrorThatDoesNotEndTheSession() throws Exception {
    Path ppl = dir.resolve("coin.ppl");
    Files.writeString(
        ppl,
        String.join(
            "\n",
            "data {",
            "  N: int<lower=0>",
            "  y: int<lower=0, upper=1>[N]",
            "}",
            "model coin {",
            "  p ~ beta(2, 2)",
            "  y ~ bernoulli(p)",
            "}",
            "guide coin_q for coin {",
            "  param a: real<lower=0> = 1",
            "  param b: real<lower=0> = 1",
            "  p ~ beta(a, b)",
            "}",
            "fit coin with coin_q using adam(lr = 0.05), steps 300",
            ""));
    Files.writeString(dir.resolve("coin.json"), "{\"N\": 8, \"y\": [1,0,1,1,0,1,0,1]}");
    String text =
        session(
            String.join(
                "\n",
                ":load " + ppl,
                "model broken {",
                "  mu ~ normal(0, 1)",
                "  z ~ normal(muu, 1)",
                "}",
                ":fit --draws 1000",
                ":summary",
                ":params",
                ":plot",
                ":save " + dir.resolve("out"),
                ":quit",
                ""));
    assertTrue(text.contains("loaded " + ppl), text);
    assertTrue(text.contains("data bound from"), text);
    assertTrue(text.contains("<input 1>:3:14: error[E0200]: unknown name 'muu'"), text);
    assertTrue(text.contains("not accepted: the session is unchanged"), text);
    assertTrue(text.contains("fit coin: model coin, guide coin_q"), text);
    assertTrue(text.contains("coin_q.a = "), text);
    assertTrue(text.contains("objective over 300 steps"), text);
    assertTrue(Files.exists(dir.resolve("out/summary.json")), text);
  }
}
