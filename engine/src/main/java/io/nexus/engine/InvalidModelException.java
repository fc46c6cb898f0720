package io.nexus.engine;

/**
 * Thrown when a model name is unknown or a parameter is impossible; the message names the model, the parameter and
 * the reason, ready to show to a user.
 */
public class InvalidModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final String parameter;
  private final String reason;

  /**
   * @param model the model as written
   * @param parameter the offending parameter, or {@code null} when the model as a whole is wrong
   * @param reason why, in a few words
   */
  public InvalidModelException(String model, String parameter, String reason) {
    super(parameter == null ? "model " + model + ": " + reason : "model " + model + ": " + parameter + ": " + reason);
    this.model = model;
    this.parameter = parameter;
    this.reason = reason;
  }

  /** The model as written. */
  public String model() {
    return model;
  }

  /** The offending parameter, or {@code null}. */
  public String parameter() {
    return parameter;
  }

  /** Why the model or parameter was refused. */
  public String reason() {
    return reason;
  }
}
