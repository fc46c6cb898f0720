package io.nexus.cli.files;

import io.nexus.engine.journey.ChannelGrouping;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads channel grouping rules from CSV: columns {@code channel,source,medium,campaign}, each of the last three a
 * regular expression matched in full and case-insensitively (empty matches anything). Rules apply top to bottom,
 * before GA4's default groups.
 */
public final class ChannelRulesFile {
  private ChannelRulesFile() {}

  /**
   * The rules of {@code file} followed by GA4's default channel groups.
   *
   * @throws InputException naming the line of a rule without channel or with a bad expression
   */
  public static ChannelGrouping read(Path file) throws IOException, InputException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    }
  }

  /**
   * The rules read from {@code reader} (the file's text, for callers that keep it elsewhere, such as a cluster job
   * that ships it to its executors) followed by GA4's default channel groups.
   *
   * @throws InputException naming the line of a rule without channel or with a bad expression
   */
  public static ChannelGrouping read(Reader reader) throws IOException, InputException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Map<String, Integer> columns = new HashMap<>();
      List<String> names = parser.getHeaderNames();
      for (int i = 0; i < names.size(); i++) {
        columns.put(names.get(i).strip().toLowerCase(Locale.ROOT), i);
      }
      if (!columns.containsKey("channel")) {
        throw new InputException(1, "header", String.join(",", names),
            "missing column channel, expected channel,source,medium,campaign");
      }
      List<ChannelGrouping.Rule> rules = new ArrayList<>();
      for (CSVRecord record : parser) {
        long line = record.getRecordNumber() + 1;
        String channel = cell(record, columns, "channel");
        if (channel.isEmpty()) {
          throw new InputException(line, "channel", "", "missing value");
        }
        String source = cell(record, columns, "source");
        String medium = cell(record, columns, "medium");
        String campaign = cell(record, columns, "campaign");
        try {
          rules.add(ChannelGrouping.Rule.matching(channel, source, medium, campaign));
        } catch (PatternSyntaxException e) {
          throw new InputException(line, "rule", e.getPattern(), "not a valid regular expression: "
              + e.getDescription());
        }
      }
      return ChannelGrouping.of(rules, "Unassigned").then(ChannelGrouping.ga4());
    }
  }

  private static String cell(CSVRecord record, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    return index == null || index >= record.size() ? "" : record.get(index).strip();
  }
}
