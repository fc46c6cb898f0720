package io.nexus.spark;

/**
 * A problem the user must fix before {@link AttributionJob} can run (a missing input, a wrong schema, a bad option), with
 * a message that says which and why; immutable and thread-safe.
 */
public final class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean keepsOutput;

  /** A problem described by {@code message}. */
  public JobException(String message) {
    this(message, false);
  }

  JobException(String message, boolean keepsOutput) {
    super(message);
    this.keepsOutput = keepsOutput;
  }

  /** A problem described by {@code message}, found through {@code cause}. */
  public JobException(String message, Throwable cause) {
    super(message, cause);
    this.keepsOutput = false;
  }

  /** Whether the job left its output for the user to look at (the rejects of an input that had no good row). */
  boolean keepsOutput() {
    return keepsOutput;
  }
}
