package io.nexus.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvHeaderTest {

  @Test
  void theDelimiterIsTheOneTheHeaderHoldsMostOf() {
    assertThat(CsvHeader.delimiterOf("path,total_conversions")).isEqualTo(',');
    assertThat(CsvHeader.delimiterOf("path;total_conversions;total_null")).isEqualTo(';');
    assertThat(CsvHeader.delimiterOf("path\ttotal_conversions")).isEqualTo('\t');
    assertThat(CsvHeader.delimiterOf("path;a,b")).isEqualTo(',');
    assertThat(CsvHeader.delimiterOf("path")).isEqualTo(',');
  }

  @Test
  void namesLoseTheByteOrderMarkSpacesAndQuotes() {
    CsvHeader header = CsvHeader.parse("\uFEFF\"path\" ; total_conversions;");

    assertThat(header.delimiter()).isEqualTo(';');
    assertThat(header.names()).containsExactly("path", "total_conversions", "");
  }

  @Test
  void columnsAreFoundByLowerCaseName() throws InputException {
    assertThat(CsvHeader.parse("User_ID\tTimestamp\tchannel").columns())
        .containsEntry("user_id", 0).containsEntry("timestamp", 1).containsEntry("channel", 2);
  }

  @Test
  void aColumnNamedTwiceIsRefusedOnLineOne() {
    assertThatThrownBy(() -> CsvHeader.parse("path,total_conversions,PATH").columns())
        .isInstanceOf(InputException.class)
        .hasMessage("line 1: header \"path,total_conversions,PATH\": column path appears twice");
  }

  @Test
  void unnamedColumnsMayRepeat() throws InputException {
    assertThat(CsvHeader.parse("path,total_conversions,,").columns()).containsOnlyKeys("path", "total_conversions");
  }
}
