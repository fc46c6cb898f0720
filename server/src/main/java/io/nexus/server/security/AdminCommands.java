package io.nexus.server.security;

import io.nexus.server.persistence.AuditTrail;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.persistence.TenantTransactions;
import io.nexus.server.security.internal.ApiKeyRepository;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.security.internal.AuditedCommands;
import io.nexus.server.security.internal.KeyHasher;
import io.nexus.server.security.internal.KeyVerifier;
import io.nexus.server.security.internal.StoredKey;
import io.nexus.server.security.internal.TenantRepository;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code bin/nexus keys|tenants}: administers keys and tenants directly in the service's database (the same
 * configuration as {@code serve}: H2 under ./data or NEXUS_DB_URL), with no service running. It starts a small Spring
 * context of its own (data source, Flyway, the key and tenant repositories; no web server, no scheduled work), so it
 * never disturbs a running instance's jobs. Every change is written to the audit log with it ({@link AuditedCommands}).
 * Exit 0 when done, 2 for a bad command line, 1 when the database refused.
 */
public final class AdminCommands {
  private static final String USAGE = """
      usage: bin/nexus keys create --tenant TENANT --scopes ingest,read[,admin] [--expires 90d] [--name NAME]
             bin/nexus keys list [--tenant TENANT]
             bin/nexus keys revoke PREFIX
             bin/nexus tenants create TENANT
             bin/nexus tenants list
             bin/nexus tenants delete TENANT --yes   (deletes every journey, result and key of TENANT)""";

  private final PrintStream out;
  private final PrintStream err;

  AdminCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Whether {@code args} are a command of this class. */
  public static boolean handles(String[] args) {
    return args.length > 0 && (args[0].equals("keys") || args[0].equals("tenants"));
  }

  /** Runs the command in {@code args} and answers the exit code. */
  public static int run(String[] args) {
    // Standard output carries only the answer (a new key, a list): Spring's own logging goes to standard error.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return new AdminCommands(stdout, System.err).execute(args);
    } finally {
      System.setOut(stdout);
    }
  }

  int execute(String[] args) {
    List<String> words = new ArrayList<>();
    // Before the user's arguments, above application.yml: quiet logs, and a failed start explained in one line
    // below rather than as Spring's stack trace.
    List<String> springArgs = new ArrayList<>(List.of("--logging.level.root=ERROR",
        "--logging.level.org.flywaydb=ERROR", "--logging.level.org.springframework.boot.SpringApplication=OFF"));
    Map<String, String> options = new HashMap<>();
    try {
      parse(args, words, springArgs, options);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (words.size() < 2) {
      return usage("which command?");
    }
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Context.class)
        .web(WebApplicationType.NONE).logStartupInfo(false)
        .properties("spring.main.banner-mode=off", "spring.jmx.enabled=false")
        .run(springArgs.toArray(String[]::new))) {
      return dispatch(words, options, context.getBean(ApiKeys.class), context.getBean(TenantRepository.class),
          context.getBean(AuditedCommands.class));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (RuntimeException e) {
      err.println("nexus: " + explain(e));
      return 1;
    }
  }

  private int dispatch(List<String> words, Map<String, String> options, ApiKeys keys, TenantRepository tenants,
      AuditedCommands changes) {
    String command = words.get(0) + " " + words.get(1);
    Instant now = Instant.now();
    switch (command) {
      case "keys create" -> {
        TenantId tenant = tenant(require(options, "tenant"));
        if (!tenants.exists(tenant)) {
          throw new IllegalArgumentException("no tenant '" + tenant + "' (bin/nexus tenants create " + tenant + ")");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(require(options, "scopes").split(",")).forEach(s -> scopes.add(Scope.of(s)));
        Instant expires = options.containsKey("expires") ? ApiKeys.expiry(options.get("expires"), now) : null;
        ApiKeys.Issued issued = changes.createKey(tenant, scopes, options.get("name"), expires, now);
        err.println("created key " + issued.stored().prefix() + " of tenant " + tenant + " with scopes "
            + labels(scopes) + (expires == null ? "" : ", expiring " + expires)
            + "; it is shown only this once:");
        out.println(issued.key());
      }
      case "keys list" -> {
        Optional<TenantId> tenant = Optional.ofNullable(options.get("tenant")).map(AdminCommands::tenant);
        out.printf("%-12s %-16s %-20s %-18s %-20s %-20s %-20s %s%n", "PREFIX", "TENANT", "NAME", "SCOPES", "CREATED",
            "LAST USED", "EXPIRES", "REVOKED");
        for (StoredKey k : keys.list(tenant)) {
          out.printf("%-12s %-16s %-20s %-18s %-20s %-20s %-20s %s%n", k.prefix(), k.tenant(),
              k.name() == null ? "-" : k.name(), labels(k.scopes()), shown(k.createdAt()), shown(k.lastUsedAt()),
              shown(k.expiresAt()), shown(k.revokedAt()));
        }
      }
      case "keys revoke" -> {
        String prefix = word(words, 2, "PREFIX");
        if (!KeyPrefix.isValid(prefix)) {
          throw new IllegalArgumentException("'" + prefix + "' is not a key prefix (nx_ and 8 letters or digits)");
        }
        if (!changes.revokeKey(new KeyPrefix(prefix), now)) {
          err.println("nexus: no usable key " + prefix + " (unknown or revoked already)");
          return 1;
        }
        err.println("revoked " + prefix + " (every instance refuses it within a fraction of a second)");
      }
      case "tenants create" -> {
        TenantId tenant = tenant(word(words, 2, "TENANT"));
        if (!changes.createTenant(tenant)) {
          err.println("nexus: tenant " + tenant + " exists already");
          return 1;
        }
        err.println("created tenant " + tenant);
      }
      case "tenants list" -> {
        out.printf("%-24s %-22s %s%n", "TENANT", "CREATED", "ACTIVE KEYS");
        tenants.list().forEach(t -> out.printf("%-24s %-22s %d%n", t.id(), shown(t.createdAt()), t.keys()));
      }
      case "tenants delete" -> {
        TenantId tenant = tenant(word(words, 2, "TENANT"));
        if (!options.containsKey("yes")) {
          throw new IllegalArgumentException("deleting tenant " + tenant + " removes all its data: add --yes");
        }
        if (tenant.equals(TenantId.DEFAULT)) {
          throw new IllegalArgumentException("the default tenant cannot be deleted (authentication off uses it)");
        }
        if (!changes.deleteTenant(tenant)) {
          err.println("nexus: no tenant " + tenant);
          return 1;
        }
        err.println("deleted tenant " + tenant + " with all its data and keys");
      }
      default -> throw new IllegalArgumentException("unknown command '" + command + "'");
    }
    return 0;
  }

  private static void parse(String[] args, List<String> words, List<String> springArgs, Map<String, String> options) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--spring.") || a.startsWith("--nexus.") || a.startsWith("--logging.")) {
        springArgs.add(a);
      } else if (a.equals("--yes")) {
        options.put("yes", "");
      } else if (a.startsWith("--")) {
        String name = a.substring(2);
        int eq = name.indexOf('=');
        if (eq >= 0) {
          options.put(name.substring(0, eq), name.substring(eq + 1));
        } else if (i + 1 < args.length) {
          options.put(name, args[++i]);
        } else {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
      } else {
        words.add(a);
      }
    }
    for (String name : options.keySet()) {
      if (!List.of("tenant", "scopes", "expires", "name", "yes").contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static String word(List<String> words, int index, String what) {
    if (words.size() <= index) {
      throw new IllegalArgumentException(what + " is required");
    }
    return words.get(index);
  }

  private static TenantId tenant(String name) {
    if (!TenantId.isValid(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a tenant name (1 to 63 lower-case letters, digits "
          + "and dashes)");
    }
    return new TenantId(name);
  }

  private static String labels(Set<Scope> scopes) {
    return String.join(",", scopes.stream().sorted().map(Scope::label).toList());
  }

  private static String shown(Instant at) {
    return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private int usage(String problem) {
    err.println("nexus: " + problem);
    err.println(USAGE);
    return 2;
  }

  private static String explain(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    if (message.contains("already in use") || message.contains("file is locked")) {
      return "the embedded database under ./data is open in a running service (H2 allows one process): stop it, "
          + "or use its admin API (/api/v1/admin/keys); on PostgreSQL this command works beside running instances";
    }
    return "the database refused: " + message.lines().findFirst().orElse(message);
  }

  /**
   * The command's Spring context: the database, its transaction manager, the key and tenant repositories and the
   * audit trail, nothing else. Deliberately no
   * configuration stereotype, so that neither the service's component scan nor a test's search finds it.
   */
  @EnableAutoConfiguration
  @Import({DatabaseProduct.class, TenantTransactions.class, KeyHasher.class, ApiKeyRepository.class, KeyVerifier.class,
      ApiKeys.class, TenantRepository.class, AuditTrail.class, AuditedCommands.class})
  static class Context {}
}
