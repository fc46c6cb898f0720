package io.nexus.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.engine.Journey;
import io.nexus.engine.PathTransform;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyBuilderTest {
  private static final Instant DAY0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Instant day(double d) {
    return DAY0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
  }

  private static UserEvent touch(String user, double d, String channel) {
    return UserEvent.touch(user, day(d), channel);
  }

  private static UserEvent buy(String user, double d, String revenue) {
    return UserEvent.purchase(user, day(d), new BigDecimal(revenue));
  }

  @Test
  void aConversionClosesAJourneyOfTheTouchesBeforeIt() {
    var result = JourneyBuilder.defaults().build(List.of(
        touch("u", 1, "email"), touch("u", 2, "search"), buy("u", 3, "10.00")));
    assertThat(result.journeys()).hasSize(1);
    Journey j = result.journeys().get(0);
    assertThat(j.id()).hasToString("u#1");
    assertThat(j.path()).containsExactly("email", "search");
    assertThat(j.conversionValue()).isEqualByComparingTo("10.00");
  }

  @Test
  void touchesOutsideTheLookbackWindowAreDropped() {
    var result = JourneyBuilder.defaults().lookbackDays(7).build(List.of(
        touch("u", 0, "display"), touch("u", 5, "email"), buy("u", 10, "10")));
    assertThat(result.journeys().get(0).path()).containsExactly("email");
    assertThat(result.expiredTouches()).isEqualTo(1);
  }

  @Test
  void eachConversionStartsANewJourney() {
    var result = JourneyBuilder.defaults().build(List.of(
        touch("u", 1, "email"), buy("u", 2, "10"), touch("u", 3, "search"), buy("u", 4, "20")));
    assertThat(result.journeys()).extracting(Journey::path)
        .containsExactly(List.of("email"), List.of("search"));
  }

  @Test
  void touchesAfterTheLastConversionFormANullJourney() {
    var result = JourneyBuilder.defaults().build(List.of(
        touch("u", 1, "email"), buy("u", 2, "10"), touch("u", 3, "search"), touch("u", 4, "social")));
    Journey last = result.journeys().get(1);
    assertThat(last.converted()).isFalse();
    assertThat(last.path()).containsExactly("search", "social");
  }

  @Test
  void aUserWhoNeverConvertsHasOneNullJourney() {
    var result = JourneyBuilder.defaults().build(List.of(touch("u", 1, "email"), touch("u", 2, "email")));
    assertThat(result.journeys()).singleElement().satisfies(j -> assertThat(j.converted()).isFalse());
  }

  @Test
  void aConversionWithoutTouchesIsCountedAsUnattributed() {
    var result = JourneyBuilder.defaults().build(List.of(buy("u", 1, "10")));
    assertThat(result.unattributedConversions()).isEqualTo(1);
    assertThat(result.journeys().get(0).touchpoints()).isEmpty();
  }

  @Test
  void conversionsAtTheSameInstantShareAJourney() {
    var result = JourneyBuilder.defaults().build(List.of(
        touch("u", 1, "email"), buy("u", 2, "10"), buy("u", 2, "5")));
    assertThat(result.journeys()).singleElement()
        .satisfies(j -> assertThat(j.conversionValue()).isEqualByComparingTo("15"));
  }

  @Test
  void aConvertingVisitIsATouchBeforeItsConversion() {
    UserEvent convertingVisit = new UserEvent("u", day(2), "search", null, null, null, "click", null, null, 0, 0,
        true, "purchase", new BigDecimal("30"));
    var result = JourneyBuilder.defaults().build(List.of(touch("u", 1, "email"), convertingVisit));
    assertThat(result.journeys().get(0).path()).containsExactly("email", "search");
  }

  @Test
  void eventsInAnyOrderGiveTheSameJourneys() {
    List<UserEvent> events = new ArrayList<>(List.of(touch("u", 1, "email"), touch("u", 1, "search"),
        buy("u", 2, "10"), touch("u", 3, "social"), touch("v", 1, "email"), buy("v", 5, "1")));
    var expected = JourneyBuilder.defaults().buildUser("u", events.subList(0, 4)).journeys();
    Collections.reverse(events);
    assertThat(JourneyBuilder.defaults().buildUser("u", events.subList(2, 6)).journeys()).isEqualTo(expected);
  }

  @Test
  void exposureTransformCollapsesConsecutiveRepeats() {
    var result = JourneyBuilder.defaults().transform(PathTransform.EXPOSURE).build(List.of(
        touch("u", 1, "a"), touch("u", 2, "a"), touch("u", 3, "b"), touch("u", 4, "a"), buy("u", 5, "1")));
    assertThat(result.journeys().get(0).path()).containsExactly("a", "b", "a");
  }

  @Test
  void firstTransformKeepsOnlyTheFirstTouchOfEachChannel() {
    var result = JourneyBuilder.defaults().transform(PathTransform.FIRST).build(List.of(
        touch("u", 1, "a"), touch("u", 2, "a"), touch("u", 3, "b"), touch("u", 4, "a"), buy("u", 5, "1")));
    assertThat(result.journeys().get(0).path()).containsExactly("a", "b");
  }

  @Test
  void touchesWithoutAChannelAreGroupedFromSourceAndMedium() {
    var result = JourneyBuilder.defaults().build(List.of(
        UserEvent.visit("u", day(1), "google", "cpc", "brand"),
        UserEvent.visit("u", day(2), "newsletter", "email", null),
        buy("u", 3, "1")));
    assertThat(result.journeys().get(0).path()).containsExactly("Paid Search", "Email");
  }
}
