package dev.varia.lang.data.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.varia.lang.data.RawValue;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Stan/posteriordb JSON with Jackson's streaming parser, keeping the line and column of every
 * value. Accepts Stan's strings for special values ("NaN", "Inf", "-Inf", "Infinity", "-Infinity").
 * Nesting deeper than {@link #MAX_DEPTH} is refused (E0505).
 */
public final class JsonReader {
  /** The deepest nesting of lists accepted (data are at most matrices). */
  public static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH + 2)
                  .maxNumberLength(1000)
                  .maxStringLength(1 << 20)
                  .build())
          .build();

  private final SourceFile src;
  private final Diagnostics diags;

  private JsonReader(SourceFile src, Diagnostics diags) {
    this.src = src;
    this.diags = diags;
  }

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** The fields of the top-level object, or empty after reporting the problem. */
  public static Optional<Map<String, RawValue>> read(SourceFile src, Diagnostics diags) {
    return new JsonReader(src, diags).run();
  }

  private Optional<Map<String, RawValue>> run() {
    try (JsonParser p = FACTORY.createParser(src.text())) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        error(p, Code.E0504, "a data file must hold one JSON object ({ \"name\": value, ... })");
      }
      Map<String, RawValue> out = new LinkedHashMap<>();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        p.nextToken();
        RawValue v = value(p, 0);
        if (out.put(name, v) != null) {
          report(at, Code.E0504, "the field \"" + name + "\" is given twice");
          throw new Stop();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        error(p, Code.E0504, "expected a field name or }");
      }
      if (p.nextToken() != null) {
        error(p, Code.E0504, "unexpected content after the data object");
      }
      return Optional.of(out);
    } catch (Stop e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      Code code =
          msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("nesting")
              ? Code.E0505
              : Code.E0504;
      if (l != null) {
        report(l, code, "malformed JSON: " + firstLine(msg));
      } else {
        diags.reportFile(code, src.name(), "malformed JSON: " + firstLine(msg));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      diags.reportFile(Code.E0504, src.name(), "cannot read the JSON data: " + e.getMessage());
      return Optional.empty();
    }
  }

  private RawValue value(JsonParser p, int depth) throws IOException {
    JsonLocation l = p.currentTokenLocation();
    int line = Math.max(1, l.getLineNr());
    int col = Math.max(1, l.getColumnNr());
    JsonToken t = p.currentToken();
    if (t == null) {
      error(p, Code.E0504, "unexpected end of the JSON data");
    }
    switch (t) {
      case VALUE_NUMBER_INT:
        return new RawValue.Num(p.getValueAsDouble(), true, line, col);
      case VALUE_NUMBER_FLOAT:
        return new RawValue.Num(p.getValueAsDouble(), false, line, col);
      case VALUE_STRING:
        {
          Double special = special(p.getText());
          return special != null
              ? new RawValue.Num(special, false, line, col)
              : new RawValue.Other("a string", line, col);
        }
      case START_ARRAY:
        {
          if (depth >= MAX_DEPTH) {
            report(l, Code.E0505, "lists nested more than " + MAX_DEPTH + " deep");
            throw new Stop();
          }
          List<RawValue> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
              error(p, Code.E0504, "unexpected end of the JSON data inside a list");
            }
            items.add(value(p, depth + 1));
          }
          return new RawValue.Arr(items, line, col);
        }
      case START_OBJECT:
        p.skipChildren();
        return new RawValue.Other("an object", line, col);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new RawValue.Other("a boolean", line, col);
      case VALUE_NULL:
        return new RawValue.Other("null", line, col);
      default:
        error(p, Code.E0504, "unexpected " + t);
        return null;
    }
  }

  private static Double special(String s) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Inf":
      case "+Inf":
      case "Infinity":
      case "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return null;
    }
  }

  private void error(JsonParser p, Code code, String message) {
    report(p.currentTokenLocation(), code, message);
    throw new Stop();
  }

  private void report(JsonLocation l, Code code, String message) {
    int line = Math.max(1, l.getLineNr());
    int col = Math.max(1, l.getColumnNr());
    diags.report(code, src, line, col, 1, message);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
