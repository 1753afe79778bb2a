package dev.varia.lang.data;

import dev.varia.lang.data.internal.CsvReader;
import dev.varia.lang.data.internal.JsonReader;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A data file read into named {@link RawValue}s: Stan/posteriordb JSON (an object of fields;
 * matrices as lists of rows) or CSV (one column per field, by header; columns {@code X[1]}, {@code
 * X[2]}, ... form the columns of a matrix {@code X}). Problems are diagnostics naming the file,
 * line and column.
 */
public final class DataFile {
  /** The largest data file read, in bytes. */
  public static final long MAX_BYTES = 256L << 20;

  private final SourceFile source;
  private final Map<String, RawValue> fields;

  private DataFile(SourceFile source, Map<String, RawValue> fields) {
    this.source = source;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Reads {@code path} (JSON unless its name ends in .csv). */
  public static Optional<DataFile> read(Path path, Diagnostics diags) {
    String name = path.toString();
    String text;
    try {
      if (Files.size(path) > MAX_BYTES) {
        diags.reportFile(
            Code.E0505, name, "the data file is larger than " + (MAX_BYTES >> 20) + " MiB");
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(path);
      text = decode(bytes);
      if (text == null) {
        diags.reportFile(Code.E0504, name, "the data file is not valid UTF-8 text");
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      diags.reportFile(Code.E0006, name, "cannot read the data file: " + e.getMessage());
      return Optional.empty();
    }
    return parse(name, text, diags);
  }

  /** Parses data given as text; {@code name} decides the format (.csv or JSON). */
  public static Optional<DataFile> parse(String name, String text, Diagnostics diags) {
    SourceFile src = new SourceFile(name, text);
    Optional<Map<String, RawValue>> fields =
        name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
            ? CsvReader.read(src, diags)
            : JsonReader.read(src, diags);
    return fields.map(f -> new DataFile(src, f));
  }

  /** Data given directly (e.g. from Java), without a file. */
  public static DataFile of(String name, Map<String, RawValue> fields) {
    return new DataFile(new SourceFile(name, ""), fields);
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The file's text, for caret lines. */
  public SourceFile source() {
    return source;
  }

  /** The fields by name, in file order. */
  public Map<String, RawValue> fields() {
    return fields;
  }
}
