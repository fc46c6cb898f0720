package io.nexus.server.integration.internal;

import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import io.nexus.server.integration.PlatformEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads an uploaded file in the command line's touchpoint columns ({@link TouchpointFileReader}), gzip-compressed or
 * not, plus an optional {@code event_id} column: every row is read, each bad one refused with its line and reason
 * rather than the first stopping the file. A row without an event id gets the SHA-256 of its cells, so uploading
 * the same file twice adds nothing.
 */
final class CsvUpload {

  private CsvUpload() {}

  /**
   * An upload as read: the rows, the events of the good ones with their lines, the rows refused, and the events the
   * file itself repeats (left out before storing).
   */
  record Read(long rows, List<PlatformEvent> events, List<Long> lines, List<ImportJob.Rejection> rejections,
      long duplicates) {}

  /**
   * Reads {@code body}.
   *
   * @throws InputException when the file as a whole cannot be read: empty, not CSV, a bad header
   */
  static Read read(byte[] body) throws InputException {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(decompressed(body), StandardCharsets.UTF_8));
      reader.mark(1 << 16);
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new InputException(1, "empty upload: expected a header with user_id,timestamp,channel,...");
      }
      reader.reset();
      char delimiter = CsvHeader.delimiterOf(header);
      CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
          .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
      try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
        List<String> names = parser.getHeaderNames();
        Map<String, Integer> columns = TouchpointFileReader.columns(names);
        boolean hasSource = columns.containsKey("source");
        List<PlatformEvent> events = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<ImportJob.Rejection> rejections = new ArrayList<>();
        long rows = 0;
        long lastLine = 1;
        for (CSVRecord record : parser) {
          long line = lastLine + 1;
          lastLine = parser.getCurrentLineNumber();
          if (record.size() == 1 && record.get(0).isEmpty()) {
            continue;
          }
          rows++;
          if (record.size() > names.size()) {
            rejections.add(new ImportJob.Rejection(line, "the row has " + record.size() + " cells, the header "
                + names.size()));
            continue;
          }
          TouchpointFileReader.Cells cells = name -> {
            Integer at = columns.get(name);
            return at == null || at >= record.size() ? "" : record.get(at).strip();
          };
          try {
            UserEvent event = TouchpointFileReader.event(cells, hasSource, line);
            String eventId = cells.get("event_id");
            events.add(new PlatformEvent(eventId.isEmpty() ? digest(record) : eventId, event));
            lines.add(line);
          } catch (InputException e) {
            rejections.add(new ImportJob.Rejection(line, e.getMessage().replaceFirst("^line \\d+: ", "")));
          } catch (IllegalArgumentException e) {
            rejections.add(new ImportJob.Rejection(line, "event_id: " + e.getMessage()));
          }
        }
        if (rows == 0) {
          throw new InputException(2, "empty upload: the file has a header but no rows");
        }
        return new Read(rows, events, lines, rejections, 0);
      }
    } catch (UncheckedIOException | IOException e) {
      throw new InputException(1, "not readable as CSV: " + e.getMessage());
    }
  }

  private static InputStream decompressed(byte[] body) throws IOException {
    InputStream raw = new ByteArrayInputStream(body);
    boolean gzip = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return gzip ? new GZIPInputStream(raw) : raw;
  }

  private static String digest(CSVRecord record) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String cell : record) {
        sha.update(cell.strip().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
