package io.nexus.cli;

/** A command-line option or input the user must fix; the message is shown as it is and the exit code is 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
