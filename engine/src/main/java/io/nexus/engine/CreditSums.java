package io.nexus.engine;

import java.util.List;

/**
 * A fit seen only through its journey credits: the same shares, without the totals the model defines for its own
 * training data, so that {@link PartialTotals} adds up the credits of the journeys it is given.
 */
final class CreditSums implements FittedModel {
  private static final long serialVersionUID = 1L;
  private final FittedModel fit;

  CreditSums(FittedModel fit) {
    this.fit = fit;
  }

  @Override
  public ModelSpec spec() {
    return fit.spec();
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int touches, long conversionTime, double[] out) {
    fit.pathShares(batch, row, touches, conversionTime, out);
  }

  @Override
  public ChannelDictionary channels() {
    return fit.channels();
  }

  @Override
  public boolean additive() {
    return fit.additive();
  }

  @Override
  public List<String> notes() {
    return fit.notes();
  }
}
