package dev.varia.lang.data.internal;

import dev.varia.lang.data.RawValue;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV data file: the header names the fields; each column is a vector. Columns named {@code
 * X[1]}, {@code X[2]}, ... (or {@code X.1}, {@code X.2}, ...) are the columns of a matrix {@code
 * X}, given as lists of rows like JSON. Cells must be numbers ({@code NA} is refused).
 */
public final class CsvReader {
  private static final Pattern COLUMN = Pattern.compile("(.+?)(?:\\[(\\d+)\\]|\\.(\\d+))");

  private CsvReader() {}

  /** The columns as fields, or empty after reporting the problem. */
  public static Optional<Map<String, RawValue>> read(SourceFile src, Diagnostics diags) {
    CSVFormat fmt =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<String> header;
    List<List<RawValue.Num>> columns = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), fmt)) {
      header = parser.getHeaderNames();
      if (header.isEmpty()) {
        diags.report(Code.E0504, src, 1, 1, 1, "the CSV file has no header line");
        return Optional.empty();
      }
      for (int i = 0; i < header.size(); i++) {
        columns.add(new ArrayList<>());
      }
      for (CSVRecord r : parser) {
        int line = (int) Math.min(Integer.MAX_VALUE, r.getRecordNumber() + 1);
        if (r.size() != header.size()) {
          diags.report(
              Code.E0504,
              src,
              line,
              1,
              1,
              "row "
                  + r.getRecordNumber()
                  + " has "
                  + r.size()
                  + " cells; the header has "
                  + header.size());
          return Optional.empty();
        }
        for (int i = 0; i < r.size(); i++) {
          String cell = r.get(i);
          Double v = number(cell);
          if (v == null) {
            diags.report(
                Code.E0502,
                src,
                line,
                column(src.line(line), i),
                Math.max(1, cell.length()),
                "column " + header.get(i) + ": '" + shorten(cell) + "' is not a number");
            return Optional.empty();
          }
          boolean integer = cell.matches("[+-]?\\d+");
          columns.get(i).add(new RawValue.Num(v, integer, line, column(src.line(line), i)));
        }
      }
    } catch (IOException | RuntimeException e) {
      diags.reportFile(Code.E0504, src.name(), "malformed CSV: " + e.getMessage());
      return Optional.empty();
    }
    Map<String, RawValue> out = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, Integer>> matrices = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      Matcher m = COLUMN.matcher(h);
      if (m.matches()) {
        int j = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
        matrices.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(j, i);
        continue;
      }
      out.put(h, new RawValue.Arr(new ArrayList<>(columns.get(i)), 1, column(src.line(1), i)));
    }
    for (Map.Entry<String, TreeMap<Integer, Integer>> e : matrices.entrySet()) {
      List<Integer> cols = new ArrayList<>(e.getValue().values());
      int rows = columns.get(cols.get(0)).size();
      List<RawValue> rowList = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        List<RawValue> row = new ArrayList<>();
        for (int c : cols) {
          row.add(columns.get(c).get(r));
        }
        rowList.add(new RawValue.Arr(row, r + 2, 1));
      }
      out.put(e.getKey(), new RawValue.Arr(rowList, 1, column(src.line(1), cols.get(0))));
    }
    return Optional.of(out);
  }

  private static Double number(String s) {
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The 1-based column where cell {@code index} starts on a (simple) CSV line. */
  private static int column(String line, int index) {
    int col = 1;
    int cell = 0;
    for (int k = 0; k < line.length() && cell < index; k++) {
      if (line.charAt(k) == ',') {
        cell++;
        col = k + 2;
      }
    }
    return col;
  }

  private static String shorten(String s) {
    return s.length() > 30 ? s.substring(0, 27) + "..." : s;
  }
}
