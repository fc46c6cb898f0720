package io.nexus.server.security.internal;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Issues, lists and revokes API keys. A key is {@code nx_}, an 8-character prefix, {@code _} and 32 random bytes in
 * base62; only its hash is stored, so it is shown once, when created.
 */
@Service
public class ApiKeys {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern FORMAT = Pattern.compile("(nx_[0-9A-Za-z]{8})_[0-9A-Za-z]{20,60}");
  private static final Pattern DAYS_HOURS = Pattern.compile("(\\d{1,5})([dh])");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A presented key split into its prefix. */
  record Parsed(KeyPrefix prefix) {}

  /** A key just created: the key itself (shown once) and what is stored of it. */
  public record Issued(String key, StoredKey stored) {}

  private final ApiKeyRepository repository;
  private final KeyHasher hasher;
  private final KeyVerifier verifier;

  ApiKeys(ApiKeyRepository repository, KeyHasher hasher, KeyVerifier verifier) {
    this.repository = repository;
    this.hasher = hasher;
    this.verifier = verifier;
  }

  /** Creates a key of {@code tenant} (which must exist) with {@code scopes}, expiring at {@code expiresAt} if set. */
  public Issued create(TenantId tenant, Set<Scope> scopes, String name, Instant expiresAt, Instant now) {
    String prefix = "nx_" + random(8);
    String key = prefix + "_" + base62(32);
    StoredKey stored = new StoredKey(new KeyPrefix(prefix), tenant, name, scopes, hasher.hash(key), now, expiresAt,
        null, null);
    repository.insert(stored);
    return new Issued(key, stored);
  }

  /** The keys of {@code tenant}, or of every tenant. */
  public List<StoredKey> list(Optional<TenantId> tenant) {
    return repository.list(tenant);
  }

  /** Revokes {@code prefix} (only among {@code tenant}'s keys when given); whether a usable key was revoked. */
  public boolean revoke(KeyPrefix prefix, Optional<TenantId> tenant, Instant now) {
    boolean revoked = repository.revoke(prefix, tenant, now);
    verifier.forgetAll();
    return revoked;
  }

  /** An expiry such as {@code 90d}, {@code 12h} or an ISO-8601 duration ({@code P30D}) after {@code now}. */
  public static Instant expiry(String text, Instant now) {
    Matcher m = DAYS_HOURS.matcher(text.strip());
    Duration duration;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration = m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    } else {
      try {
        duration = Duration.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expected a duration such as 90d, 12h or P30D, got '" + text + "'");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("the expiry must be in the future, got '" + text + "'");
    }
    return now.plus(duration);
  }

  static Optional<Parsed> parse(String presented) {
    Matcher m = FORMAT.matcher(presented);
    return m.matches() ? Optional.of(new Parsed(new KeyPrefix(m.group(1)))) : Optional.empty();
  }

  private static String random(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(BASE62.charAt(RANDOM.nextInt(62)));
    }
    return s.toString();
  }

  private static String base62(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    BigInteger n = new BigInteger(1, random);
    StringBuilder s = new StringBuilder();
    BigInteger base = BigInteger.valueOf(62);
    do {
      BigInteger[] qr = n.divideAndRemainder(base);
      s.append(BASE62.charAt(qr[1].intValue()));
      n = qr[0];
    } while (n.signum() > 0);
    while (s.length() < 43) {
      s.append('0');
    }
    return s.toString();
  }
}
