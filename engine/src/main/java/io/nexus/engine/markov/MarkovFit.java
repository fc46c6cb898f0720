package io.nexus.engine.markov;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.FittedModel;
import java.io.Serializable;
import java.util.List;

/**
 * A Markov chain attribution model solved exactly on its training paths, exposing the chain and the removal effects
 * behind its credits; immutable and thread-safe.
 */
public interface MarkovFit extends FittedModel {

  /** The number of channels in a state. */
  int order();

  /** The probability that a journey from the start state converts. */
  double conversionProbability();

  /** The expected conversion value of a journey from the start state. */
  double expectedValue();

  /** The removal effect of every channel, in channel-name order. */
  List<RemovalEffect> removalEffects();

  /**
   * ChannelAttribution's channel totals of the training data: all conversions (and value) split by the channels'
   * removal effects over the whole chain, {@code K · RE_c / Σ RE}. For comparison with ChannelAttribution only: the
   * model's channel totals are the sums of its journey credits, which split each journey by the removal effects of
   * the channels on it, so that journeys and channel totals always agree (docs/models.md).
   */
  ChannelTotals chainTotals();

  /** Every transition of the chain with its probability, from {@code (start)} to {@code (conversion)}/{@code (null)}. */
  List<Transition> transitions();

  /**
   * What the chain loses when a channel is removed: {@code 1 - P(conversion without it) / P(conversion)}, and the
   * same for the expected value.
   */
  record RemovalEffect(Channel channel, double conversion, double value) implements Serializable {}

  /** A transition between two states; a state of order k is its channels joined by {@code >}. */
  record Transition(String from, String to, double probability) implements Serializable {}

  /** The name of the start state. */
  String START = "(start)";
  /** The name of the conversion state. */
  String CONVERSION = "(conversion)";
  /** The name of the null state. */
  String NULL = "(null)";
}
