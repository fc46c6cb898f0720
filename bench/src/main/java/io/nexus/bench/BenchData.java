package io.nexus.bench;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.paths.PathFileReader;
import io.nexus.formats.synthetic.SyntheticData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

  /** A batch of journeys with times and touch types, built from {@code events} generated touchpoint events. */
  public static JourneyBatch journeys(int events, int channels) {
    SyntheticData data = new SyntheticData(channels, 42);
    List<UserEvent> generated = new ArrayList<>(events);
    while (generated.size() < events) {
      List<UserEvent> user = data.nextUser();
      generated.addAll(user.subList(0, Math.min(user.size(), events - generated.size())));
    }
    return JourneyBatch.of(JourneyBuilder.defaults().build(generated).journeys());
  }
}
