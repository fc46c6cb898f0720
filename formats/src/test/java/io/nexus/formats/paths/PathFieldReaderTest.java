package io.nexus.formats.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.formats.InputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathFieldReaderTest {

  @Test
  void readsRowsLikeTheFileReader() throws Exception {
    String file = "path,total_conversions,total_conversion_value,total_null\n"
        + "\" search > email \",2,10.5,3\n" + "display,0,0,1e2\n";
    JourneyBatch fromFile = PathFileReader.read(
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), ">", new ChannelDictionary());
    PathFileReader.FieldReader reader = new PathFileReader.FieldReader(">", new ChannelDictionary(), true, true);

    reader.add(" search > email ", "2", "10.5", "3", 2);
    reader.add("display", "0", "0", "1e2", 3);
    JourneyBatch fromFields = reader.build();

    assertThat(fromFields.size()).isEqualTo(fromFile.size());
    for (int row = 0; row < fromFile.size(); row++) {
      assertThat(fromFields.path(row)).isEqualTo(fromFile.path(row));
      assertThat(fromFields.conversions(row)).isEqualTo(fromFile.conversions(row));
      assertThat(fromFields.value(row)).isEqualTo(fromFile.value(row));
      assertThat(fromFields.nulls(row)).isEqualTo(fromFile.nulls(row));
    }
  }

  @Test
  void ignoresColumnsTheLayoutLacks() throws Exception {
    PathFileReader.FieldReader reader = new PathFileReader.FieldReader(">", new ChannelDictionary(), false, false);

    reader.add("a>b", "1", "not read", null, 2);

    JourneyBatch batch = reader.build();
    assertThat(batch.value(0)).isZero();
    assertThat(batch.nulls(0)).isZero();
  }

  @Test
  void refusesABadRowAndAddsNothing() throws Exception {
    PathFileReader.FieldReader reader = new PathFileReader.FieldReader(">", new ChannelDictionary(), true, false);

    assertThatThrownBy(() -> reader.add("a>b", "x1", "1", null, 7))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("line 7: total_conversions \"x1\": not a number");
          assertThat(e.column()).isEqualTo("total_conversions");
          assertThat(e.value()).isEqualTo("x1");
          assertThat(e.reason()).isEqualTo("not a number");
        });
    assertThatThrownBy(() -> reader.add("a> >b", "1", "1", null, 8))
        .hasMessage("line 8: path \"a> >b\": empty channel name at position 2");
    reader.add("c", "1", "2", null, 9);

    assertThat(reader.size()).isEqualTo(1);
    assertThat(reader.build().path(0)).containsExactly("c");
  }
}
