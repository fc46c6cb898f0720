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
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an uploaded spend file (CSV or NDJSON, gzip or not) for platforms without an integration: one row per
 * platform, ad account, campaign and day, with the columns of {@code channel_spend} (as CSV columns or as the fields
 * of one JSON object a line). Every row is checked and each bad one refused with its line and reason; the good ones
 * are stored by upsert, so uploading the same file again changes nothing.
 */
final class SpendUpload {
  static final List<String> REQUIRED = List.of("platform", "account_id", "campaign_id", "channel", "date",
      "currency", "spend");
  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_]{0,99}");
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

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
      while (header != null && header.isBlank()) {
        header = reader.readLine();
      }
      if (header == null) {
        throw new InputException(1, "empty upload: expected a CSV header with " + String.join(",", REQUIRED)
            + ", or one JSON object a line");
      }
      reader.reset();
      Rows rows = new Rows(channelIds);
      if (header.strip().startsWith("{")) {
        readNdjson(reader, rows);
      } else {
        readCsv(reader, header, rows);
      }
      return rows.read();
    } catch (UncheckedIOException | IOException e) {
      throw new InputException(1, "not readable: " + e.getMessage());
    }
  }

  private static void readCsv(BufferedReader reader, String header, Rows rows) throws IOException, InputException {
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
      for (CSVRecord record : parser) {
        rows.add(record.getRecordNumber() + 1,
            column -> names.contains(column) && record.isSet(column) ? record.get(column).strip() : "");
      }
    }
  }

  /** One JSON object a line; a line that is not one is refused like a bad row, so partial uploads keep the rest. */
  private static void readNdjson(BufferedReader reader, Rows rows) throws IOException {
    long line = 0;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode object;
      try {
        object = JSON.readTree(text);
      } catch (JacksonException e) {
        rows.refuse(line, "not a JSON object: " + e.getOriginalMessage());
        continue;
      }
      if (object == null || !object.isObject()) {
        rows.refuse(line, "not a JSON object");
        continue;
      }
      rows.add(line, column -> field(object, column));
    }
  }

  /** A field's text: strings as written, numbers exactly (never through a double), absent or null as empty. */
  private static String field(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isString()) {
      return value.asString().strip();
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
    }
    throw new IllegalArgumentException(name + " must be a string or a number, not " + value);
  }

  /** The rows of an upload as they are read, whatever its format. */
  private static final class Rows {
    private final Map<String, Long> channelIds;
    private final List<ChannelSpend> rows = new ArrayList<>();
    private final List<ImportJob.Rejection> rejections = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long count;
    private LocalDate first;
    private LocalDate last;
    private BigDecimal conversions;
    private BigDecimal value;

    Rows(Map<String, Long> channelIds) {
      this.channelIds = channelIds;
    }

    void add(long line, Function<String, String> cells) {
      count++;
      try {
        ChannelSpend row = row(cells, channelIds);
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

    void refuse(long line, String reason) {
      count++;
      rejections.add(new ImportJob.Rejection(line, reason));
    }

    Read read() throws InputException {
      if (count == 0) {
        throw new InputException(2, "empty upload: the file has no rows");
      }
      return new Read(count, new SpendRows.Resolved(first, last, List.of(new SpendRows.Account("upload", rows)),
          rejections, conversions, value, false));
    }
  }

  private static ChannelSpend row(Function<String, String> cells, Map<String, Long> channelIds) {
    for (String column : REQUIRED) {
      if (cells.apply(column).isEmpty()) {
        throw new IllegalArgumentException(column + " is required");
      }
    }
    String platform = cells.apply("platform");
    if (!PLATFORM.matcher(platform).matches()) {
      throw new IllegalArgumentException("platform \"" + platform + "\" must be lower-case letters, digits and _");
    }
    String channel = cells.apply("channel");
    Long channelId = channelIds.get(channel.toLowerCase(Locale.ROOT));
    if (channelId == null) {
      throw new IllegalArgumentException("channel \"" + channel + "\" is not in the channel catalogue; add it with "
          + "POST /api/v1/attribution/channels");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(cells.apply("date"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date \"" + cells.apply("date") + "\" must be a day such as "
          + "2025-01-31");
    }
    return new ChannelSpend(platform, cells.apply("account_id"), cells.apply("campaign_id"),
        emptyToNull(cells.apply("campaign_name")), channelId, date,
        cells.apply("currency").toUpperCase(Locale.ROOT), amount(cells, "spend", true),
        whole(cells, "impressions"), whole(cells, "clicks"),
        amount(cells, "conversions", false), amount(cells, "conversion_value", false));
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static BigDecimal amount(Function<String, String> cells, String column, boolean required) {
    String text = cells.apply(column);
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

  private static long whole(Function<String, String> cells, String column) {
    BigDecimal value = amount(cells, column, false);
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
