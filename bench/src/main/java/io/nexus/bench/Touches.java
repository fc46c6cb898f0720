package io.nexus.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A JMH counter of touchpoints processed, which JMH reports as touchpoints per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Touches {
  /** Touchpoints processed in the current iteration. */
  public long touchpoints;

  @Setup(Level.Iteration)
  public void reset() {
    touchpoints = 0;
  }
}
