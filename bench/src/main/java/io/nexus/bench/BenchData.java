package io.nexus.bench;

import io.nexus.cli.files.PathFileReader;
import io.nexus.cli.generate.SyntheticData;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data every benchmark reads: {@code nexus generate} output, made in memory with a fixed seed. */
public final class BenchData {
  private BenchData() {}

  /** The bytes of a generated path file of {@code rows} rows and {@code channels} channels. */
  public static byte[] pathFile(int rows, int channels) {
    try {
      StringWriter out = new StringWriter();
      new SyntheticData(channels, 42).writePaths(out, rows);
      return out.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A batch of generated paths, as {@code nexus attribute} reads them. */
  public static JourneyBatch paths(int rows, int channels) {
    try {
      return PathFileReader.read(new ByteArrayInputStream(pathFile(rows, channels)), ">", new ChannelDictionary());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A batch of journeys with times and touch types, built from generated touchpoint events. */
  public static JourneyBatch journeys(int events, int channels) {
    try {
      Path file = Files.createTempFile("nexus-bench", ".csv");
      try {
        StringWriter out = new StringWriter();
        new SyntheticData(channels, 42).writeTouchpoints(out, events);
        Files.writeString(file, out.toString());
        List<UserEvent> read = io.nexus.cli.files.TouchpointFileReader.read(file, b -> { });
        List<Journey> journeys = new ArrayList<>(JourneyBuilder.defaults().build(read).journeys());
        return JourneyBatch.of(journeys);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
