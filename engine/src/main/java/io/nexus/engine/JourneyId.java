package io.nexus.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which journey: a user's {@code number}-th journey ({@code user#number}, as the journey builder names them), or
 * journey {@code number} of a data set when there is no user (a service's journey id, a path file's row); immutable
 * and thread-safe.
 *
 * @param user the user whose journeys are numbered, or {@code null} when the number is the identity on its own
 * @param number the journey's number
 */
public record JourneyId(String user, long number) implements Serializable {

  /** Journey {@code number} of a data set, such as a service's journey id. */
  public static JourneyId of(long number) {
    return new JourneyId(null, number);
  }

  /** The {@code number}-th journey of {@code user}. */
  public static JourneyId of(String user, long number) {
    return new JourneyId(Objects.requireNonNull(user, "user"), number);
  }

  /** {@code user#number}, or the number alone: how files and reports show the journey. */
  @Override
  public String toString() {
    return user == null ? Long.toString(number) : user + "#" + number;
  }
}
