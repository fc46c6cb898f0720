package io.nexus.formats;

import java.io.IOException;

/** An output that cannot be written, said as {@code cannot write FILE: reason}; nothing of it is left behind. */
public final class OutputException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code file} cannot be written, for {@code reason}. */
  public OutputException(String file, String reason, Throwable cause) {
    super("cannot write " + file + ": " + reason, cause);
  }
}
