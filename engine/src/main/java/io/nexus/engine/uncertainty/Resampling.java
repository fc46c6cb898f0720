package io.nexus.engine.uncertainty;

/**
 * How a bootstrap replicate re-weights the data: each journey (each conversion and null of a path row) drawn again,
 * independently ({@link #POISSON}) or as a fixed number of draws with replacement ({@link #MULTINOMIAL}).
 */
public enum Resampling {
  /**
   * Every journey gets a weight drawn from Poisson(1), so a path row's conversions are drawn from Poisson(conversions)
   * and its nulls from Poisson(nulls): the replicates of a large bootstrap, which need no pass over the whole data
   * before drawing and parallelise freely (Hanley and MacGibbon 2006; Chamandy et al. 2012). The default.
   */
  POISSON,

  /**
   * The classical bootstrap: as many journeys as the data holds, drawn with replacement, so that every replicate has
   * exactly the data's number of journeys (Efron and Tibshirani 1993). Path rows must have whole counts.
   */
  MULTINOMIAL
}
