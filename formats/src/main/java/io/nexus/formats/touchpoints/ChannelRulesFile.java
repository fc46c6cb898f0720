package io.nexus.formats.touchpoints;

import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads channel grouping rules from CSV: a header naming {@code channel} and any of {@code source}, {@code medium},
 * {@code campaign}, then one rule per line, each of the last three a regular expression matched in full and
 * case-insensitively (empty matches anything). Rules apply top to bottom, before GA4's default groups.
 */
public final class ChannelRulesFile {
  /** The header a rules file starts with. */
  public static final String EXPECTED_HEADER = "channel,source,medium,campaign";
  private static final Set<String> COLUMNS = Set.of("channel", "source", "medium", "campaign");

  private ChannelRulesFile() {}

  /**
   * The rules of {@code file} followed by GA4's default channel groups.
   *
   * @throws InputException naming the line of a rule that cannot be read, or the header when it is not one
   */
  public static ChannelGrouping read(Path file) throws IOException, InputException {
    try (InputFile input = InputFile.open(file, InputStream.nullInputStream())) {
      return read(input.reader());
    }
  }

  /**
   * The rules read from {@code reader} (the file's text, for callers that keep it elsewhere, such as a cluster job
   * that ships it to its executors) followed by GA4's default channel groups.
   *
   * @throws InputException naming the line of a rule that cannot be read, or the header when it is not one
   */
  public static ChannelGrouping read(Reader reader) throws IOException, InputException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).setAllowMissingColumnNames(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (UncheckedIOException e) {
      throw new InputException(1, "not valid CSV: " + e.getCause().getMessage());
    }
    try (parser) {
      List<String> names = parser.getHeaderNames();
      Map<String, Integer> columns = header(names);
      List<ChannelGrouping.Rule> rules = new ArrayList<>();
      long lastLine = 1;
      try {
        for (CSVRecord record : parser) {
          long line = lastLine + 1;
          lastLine = parser.getCurrentLineNumber();
          if (record.size() == 1 && record.get(0).isEmpty()) {
            continue;
          }
          rules.add(rule(record, columns, names.size(), line));
        }
      } catch (UncheckedIOException e) {
        throw new InputException(lastLine + 1, "not valid CSV: " + e.getCause().getMessage());
      }
      return ChannelGrouping.of(rules, "Unassigned").then(ChannelGrouping.ga4());
    }
  }

  private static Map<String, Integer> header(List<String> names) throws InputException {
    Map<String, Integer> columns = CsvHeader.columns(names, ",");
    String header = String.join(",", names);
    if (header.indexOf(InputFile.NOT_UTF8) >= 0) {
      throw new InputException(1, "header", header, InputFile.NOT_UTF8_REASON);
    }
    if (!columns.containsKey("channel")) {
      throw new InputException(1, "header", header,
          "missing column channel: the first line must be a header such as " + EXPECTED_HEADER);
    }
    for (String name : columns.keySet()) {
      if (!COLUMNS.contains(name)) {
        throw new InputException(1, "header", header, "unknown column " + name + ", expected " + EXPECTED_HEADER);
      }
    }
    return columns;
  }

  private static ChannelGrouping.Rule rule(CSVRecord record, Map<String, Integer> columns, int width, long line)
      throws InputException {
    for (String cell : record) {
      if (cell.indexOf(InputFile.NOT_UTF8) >= 0) {
        throw new InputException(line, "rule", cell, InputFile.NOT_UTF8_REASON);
      }
    }
    if (record.size() > width) {
      throw new InputException(line, "the rule has " + record.size() + " fields, the header " + width);
    }
    String channel = cell(record, columns, "channel");
    if (channel.isEmpty()) {
      throw new InputException(line, "channel", "", "missing value");
    }
    try {
      return ChannelGrouping.Rule.matching(channel, cell(record, columns, "source"), cell(record, columns, "medium"),
          cell(record, columns, "campaign"));
    } catch (PatternSyntaxException e) {
      throw new InputException(line, "rule", e.getPattern(), "not a valid regular expression: " + e.getDescription());
    }
  }

  private static String cell(CSVRecord record, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    return index == null || index >= record.size() ? "" : record.get(index).strip();
  }
}
