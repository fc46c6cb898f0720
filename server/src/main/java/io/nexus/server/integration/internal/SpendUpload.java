package io.nexus.server.integration.internal;

import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.server.channel.Channel;
import io.nexus.server.spend.ChannelSpend;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded spend file (CSV, gzip or not) for platforms without an integration: one row per platform, ad
 * account, campaign and day, with the columns of {@code channel_spend}. Every row is checked and each bad one refused
 * with its line and reason; the good ones are stored by upsert, so uploading the same file again changes nothing.
 */
final class SpendUpload {
  static final List<String> REQUIRED = List.of("platform", "account_id", "campaign_id", "channel", "date",
      "currency", "spend");
  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  private SpendUpload() {}

  /** An upload as read: its rows, the spend of the good ones, and the rows refused. */
  record Read(long rows, SpendRows.Resolved spend) {}

  /**
   * Reads {@code body}, naming each row's channel by {@code catalogue}.
   *
   * @throws InputException when the file as a whole cannot be read: empty, not CSV, a required column missing
   */
  static Read read(byte[] body, List<Channel> catalogue) throws InputException {
    Map<String, Long> channelIds = new HashMap<>();
    for (Channel channel : catalogue) {
      channelIds.put(channel.name().toLowerCase(Locale.ROOT), channel.id());
    }
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(decompressed(body), StandardCharsets.UTF_8));
      reader.mark(1 << 16);
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new InputException(1, "empty upload: expected a header with " + String.join(",", REQUIRED));
      }
      reader.reset();
      CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(CsvHeader.delimiterOf(header)).setHeader()
          .setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
      try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
        Set<String> names = new HashSet<>(parser.getHeaderNames());
        for (String column : REQUIRED) {
          if (!names.contains(column)) {
            throw new InputException(1, "the header has no " + column + " column; spend files need "
                + String.join(", ", REQUIRED));
          }
        }
        List<ChannelSpend> rows = new ArrayList<>();
        List<ImportJob.Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long count = 0;
        LocalDate first = null;
        LocalDate last = null;
        BigDecimal conversions = null;
        BigDecimal value = null;
        for (CSVRecord record : parser) {
          count++;
          long line = record.getRecordNumber() + 1;
          try {
            ChannelSpend row = row(record, names, channelIds);
            if (!seen.add(row.platform() + "\u0000" + row.accountId() + "\u0000" + row.campaignId() + "\u0000"
                + row.date())) {
              throw new IllegalArgumentException("the campaign's day is in the file twice");
            }
            rows.add(row);
            first = first == null || row.date().isBefore(first) ? row.date() : first;
            last = last == null || row.date().isAfter(last) ? row.date() : last;
            conversions = row.conversions() == null ? conversions
                : (conversions == null ? BigDecimal.ZERO : conversions).add(row.conversions());
            value = row.conversionValue() == null ? value
                : (value == null ? BigDecimal.ZERO : value).add(row.conversionValue());
          } catch (IllegalArgumentException | DateTimeParseException e) {
            rejections.add(new ImportJob.Rejection(line, e.getMessage()));
          }
        }
        if (count == 0) {
          throw new InputException(2, "empty upload: the file has a header but no rows");
        }
        SpendRows.Resolved spend = new SpendRows.Resolved(first, last,
            List.of(new SpendRows.Account("upload", rows)), rejections, conversions, value, false);
        return new Read(count, spend);
      }
    } catch (UncheckedIOException | IOException e) {
      throw new InputException(1, "not readable as CSV: " + e.getMessage());
    }
  }

  private static ChannelSpend row(CSVRecord record, Set<String> names, Map<String, Long> channelIds) {
    String platform = cell(record, names, "platform");
    if (!PLATFORM.matcher(platform).matches()) {
      throw new IllegalArgumentException("platform \"" + platform + "\" must be lower-case letters, digits and _");
    }
    String channel = cell(record, names, "channel");
    Long channelId = channelIds.get(channel.toLowerCase(Locale.ROOT));
    if (channelId == null) {
      throw new IllegalArgumentException("channel \"" + channel + "\" is not in the channel catalogue; add it with "
          + "POST /api/v1/attribution/channels");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(cell(record, names, "date"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date \"" + cell(record, names, "date") + "\" must be a day such as "
          + "2025-01-31");
    }
    return new ChannelSpend(platform, cell(record, names, "account_id"), cell(record, names, "campaign_id"),
        emptyToNull(cell(record, names, "campaign_name")), channelId, date,
        cell(record, names, "currency").toUpperCase(Locale.ROOT), amount(record, names, "spend", true),
        whole(record, names, "impressions"), whole(record, names, "clicks"),
        amount(record, names, "conversions", false), amount(record, names, "conversion_value", false));
  }

  private static String cell(CSVRecord record, Set<String> names, String column) {
    return names.contains(column) && record.isSet(column) ? record.get(column).strip() : "";
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static BigDecimal amount(CSVRecord record, Set<String> names, String column, boolean required) {
    String text = cell(record, names, column);
    if (text.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(column + " is required");
      }
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " \"" + text + "\" is not a number such as 12.34");
    }
  }

  private static long whole(CSVRecord record, Set<String> names, String column) {
    BigDecimal value = amount(record, names, column, false);
    if (value == null) {
      return 0;
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(column + " \"" + value.toPlainString() + "\" is not a whole number");
    }
  }

  private static InputStream decompressed(byte[] body) throws IOException {
    InputStream raw = new ByteArrayInputStream(body);
    boolean gzip = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return gzip ? new GZIPInputStream(raw) : raw;
  }
}
