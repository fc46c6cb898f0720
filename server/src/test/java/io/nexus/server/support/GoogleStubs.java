package io.nexus.server.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Google's APIs as WireMock stubs on one port, answering in the shapes Google documents: the OAuth token endpoint a
 * service-account key file names ({@code token_uri}), BigQuery's REST API (jobs.query, jobs.get, tabledata.list) and
 * the GA4 Data API. The key file holds a throwaway RSA key generated for the run.
 */
public final class GoogleStubs {
  /** The access token the stubbed token endpoint hands out. */
  public static final String TOKEN = "ya29.test-access-token";
  public static final String PROJECT = "nexus-test-project";
  public static final String DATASET = "analytics_123456789";
  public static final String PROPERTY = "123456789";

  private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final Path keyFile;

  public GoogleStubs() {
    server.start();
    keyFile = writeKeyFile(server.baseUrl() + "/token");
    reset();
  }

  public WireMockServer server() {
    return server;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public Path keyFile() {
    return keyFile;
  }

  /** Forgets every stub and request, then answers token requests again. */
  public void reset() {
    server.resetAll();
    server.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson(
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
  }

  /** The path of jobs.query for the test project. */
  public static String queries() {
    return "/bigquery/v2/projects/" + PROJECT + "/queries";
  }

  /**
   * A row of the export query: the event and the suffix of the {@code events_*} table it came from
   * ({@code YYYYMMDD}, or {@code intraday_YYYYMMDD}).
   */
  public record ExportRow(String table, String event) {
    /** The event as its day's daily table {@code events_YYYYMMDD} holds it (its {@code event_date}). */
    public static ExportRow daily(String event) {
      return new ExportRow(eventDate(event), event);
    }

    /** The event as its day's intraday table {@code events_intraday_YYYYMMDD} holds it. */
    public static ExportRow intraday(String event) {
      return new ExportRow("intraday_" + eventDate(event), event);
    }
  }

  /** A BigQuery result page's rows: each an event's microseconds, its JSON and its table, as the query selects. */
  public static String rows(List<ExportRow> rows) {
    return rows.stream().map(r -> "{\"f\":[{\"v\":" + micros(r.event()) + "},{\"v\":" + quoted(r.event())
        + "},{\"v\":" + quoted(r.table()) + "}]}").collect(Collectors.joining(",", "[", "]"));
  }

  /** jobs.query's answer: the first page of a finished query of daily tables, with a page token when more follow. */
  public static String queryResponse(String jobId, long totalRows, List<String> events, String pageToken) {
    return exportQueryResponse(jobId, totalRows, events.stream().map(ExportRow::daily).toList(), pageToken);
  }

  /** jobs.query's answer: the first page of a finished query of rows from either kind of table. */
  public static String exportQueryResponse(String jobId, long totalRows, List<ExportRow> rows, String pageToken) {
    return queryAnswer(jobId, totalRows, ",{\"name\":\"export_table\",\"type\":\"STRING\",\"mode\":\"NULLABLE\"}",
        rows.isEmpty() ? null : rows(rows), pageToken);
  }

  /** jobs.query's answer to the query without intraday tables ({@code nexus.ga4.intraday=false}): no table column. */
  public static String dailyOnlyQueryResponse(String jobId, List<String> events) {
    String rows = events.stream().map(e -> "{\"f\":[{\"v\":" + micros(e) + "},{\"v\":" + quoted(e) + "}]}")
        .collect(Collectors.joining(",", "[", "]"));
    return queryAnswer(jobId, events.size(), "", events.isEmpty() ? null : rows, null);
  }

  private static String queryAnswer(String jobId, long totalRows, String moreFields, String rows, String pageToken) {
    return "{\"kind\":\"bigquery#queryResponse\",\"schema\":{\"fields\":["
        + "{\"name\":\"event_timestamp\",\"type\":\"INTEGER\",\"mode\":\"NULLABLE\"},"
        + "{\"name\":\"event\",\"type\":\"STRING\",\"mode\":\"NULLABLE\"}" + moreFields + "]},"
        + "\"jobReference\":{\"projectId\":\"" + PROJECT + "\",\"jobId\":\"" + jobId + "\",\"location\":\"US\"},"
        + "\"totalRows\":\"" + totalRows + "\","
        + (pageToken == null ? "" : "\"pageToken\":\"" + pageToken + "\",")
        + (rows == null ? "" : "\"rows\":" + rows + ",")
        + "\"totalBytesProcessed\":\"1048576\",\"jobComplete\":true,\"cacheHit\":false}";
  }

  /** jobs.get's answer for a finished query job writing to an anonymous table. */
  public static String job(String jobId) {
    return "{\"kind\":\"bigquery#job\",\"id\":\"" + PROJECT + ":US." + jobId + "\",\"jobReference\":{\"projectId\":\""
        + PROJECT + "\",\"jobId\":\"" + jobId + "\",\"location\":\"US\"},\"configuration\":{\"jobType\":\"QUERY\","
        + "\"query\":{\"query\":\"SELECT ...\",\"destinationTable\":{\"projectId\":\"" + PROJECT
        + "\",\"datasetId\":\"_anon\",\"tableId\":\"anon_" + jobId + "\"},\"useLegacySql\":false}},"
        + "\"status\":{\"state\":\"DONE\"},\"statistics\":{\"creationTime\":\"1735689600000\","
        + "\"startTime\":\"1735689600100\",\"endTime\":\"1735689601000\"}}";
  }

  /** The path of tabledata.list for the anonymous table of {@code jobId}. */
  public static String tableData(String jobId) {
    return "/bigquery/v2/projects/" + PROJECT + "/datasets/_anon/tables/anon_" + jobId + "/data";
  }

  /** tabledata.list's answer: a page of rows, with a page token when more follow. */
  public static String tableDataResponse(long totalRows, List<String> events, String pageToken) {
    return "{\"kind\":\"bigquery#tableDataList\",\"etag\":\"e1\",\"totalRows\":\"" + totalRows + "\","
        + (pageToken == null ? "" : "\"pageToken\":\"" + pageToken + "\",")
        + "\"rows\":" + rows(events.stream().map(ExportRow::daily).toList()) + "}";
  }

  /** Google's JSON error body, as BigQuery writes it (with its {@code errors[].reason}). */
  public static String bigQueryError(int code, String status, String reason, String message) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
        + "\",\"domain\":\"global\",\"reason\":\"" + reason + "\"}],\"status\":\"" + status + "\"}}";
  }

  /** Google's JSON error body, as the GA4 Data API writes it. */
  public static String dataApiError(int code, String status, String message) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
  }

  /** An error answer with Google's JSON body. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(body);
  }

  public void stop() {
    server.stop();
  }

  private static String micros(String event) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"event_timestamp\": ?\"?(\\d+)").matcher(event);
    return m.find() ? "\"" + m.group(1) + "\"" : "null";
  }

  private static String eventDate(String event) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"event_date\": ?\"(\\d{8})\"").matcher(event);
    return m.find() ? m.group(1) : null;
  }

  private static String quoted(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static Path writeKeyFile(String tokenUri) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate()
              .getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      String json = "{\"type\":\"service_account\",\"project_id\":\"" + PROJECT + "\",\"private_key_id\":\"k1\","
          + "\"private_key\":" + quoted(pem) + ",\"client_email\":\"nexus-import@" + PROJECT
          + ".iam.gserviceaccount.com\",\"client_id\":\"100000000000000000001\","
          + "\"auth_uri\":\"https://accounts.google.com/o/oauth2/auth\",\"token_uri\":\"" + tokenUri + "\","
          + "\"universe_domain\":\"googleapis.com\"}";
      Path file = Files.createTempFile("nexus-service-account", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, json);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
