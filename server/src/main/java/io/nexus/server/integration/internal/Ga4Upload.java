package io.nexus.server.integration.internal;

import io.nexus.formats.InputException;
import io.nexus.formats.ga4.Ga4ExportReader;
import io.nexus.server.integration.PlatformEvent;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads an uploaded GA4 BigQuery export (NDJSON, gzip or not) with the command line's reader, so that the service and
 * {@code bin/nexus attribute --format ga4-export} see the same sessions and purchases.
 */
final class Ga4Upload {

  private Ga4Upload() {}

  /**
   * Reads {@code body}.
   *
   * @throws InputException when the upload as a whole cannot be read: not gzip though it says so, or empty
   */
  static CsvUpload.Read read(byte[] body) throws InputException {
    return read(new ByteArrayInputStream(body));
  }

  /**
   * Reads {@code input} as it streams (a file named on the server may be larger than any request), closing it.
   *
   * @throws InputException when the export as a whole cannot be read: not gzip though it says so, or empty
   */
  static CsvUpload.Read read(InputStream input) throws InputException {
    Ga4ExportReader.Result result;
    try (InputStream raw = decompressed(input)) {
      result = Ga4ExportReader.readAll(new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new InputException(1, "not readable as NDJSON: " + e.getMessage());
    }
    if (result.rows() == 0) {
      throw new InputException(1, "empty upload: expected GA4 export events, one JSON object per line");
    }
    List<PlatformEvent> events = new ArrayList<>(result.events().size());
    List<Long> lines = new ArrayList<>(result.events().size());
    for (Ga4ExportReader.Ga4Event e : result.events()) {
      events.add(new PlatformEvent(e.eventId(), e.event()));
      lines.add(e.line());
    }
    List<ImportJob.Rejection> rejections = result.rejections().stream()
        .map(e -> new ImportJob.Rejection(e.line(), e.getMessage().replaceFirst("^line \\d+: ", ""))).toList();
    return new CsvUpload.Read(result.rows(), events, lines, rejections, result.duplicatePurchases());
  }

  private static InputStream decompressed(InputStream input) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(input, 1 << 16);
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
  }
}
