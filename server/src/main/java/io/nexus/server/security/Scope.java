package io.nexus.server.security;

import java.util.Locale;

/** What an API key may do: {@code ingest} writes events, {@code read} calculates and reads, {@code admin} manages. */
public enum Scope {
  /** Create journeys, touchpoints, conversions and batches. */
  INGEST,
  /** Calculations, bulk jobs, analytics, visualizations and reads. */
  READ,
  /** Channels, models, deletes, keys and tenants. */
  ADMIN;

  /** The scope's name as written in keys and problems: {@code ingest}, {@code read}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope named {@code label} (case-insensitive); {@link IllegalArgumentException} when there is none. */
  public static Scope of(String label) {
    for (Scope s : values()) {
      if (s.label().equalsIgnoreCase(label.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + label + "' (expected ingest, read or admin)");
  }
}
