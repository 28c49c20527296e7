package cn.pbm.platform;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints a bearer token for a single-machine deployment that has no identity provider (docs/security.md):
 * signs, with the deployment's own private key, a JWT whose {@code groups} carry the role(s) and whose
 * {@code upn} and {@code sub} name the caller. Run from a packaged build:
 *
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*' \
 *     cn.pbm.platform.MintToken --key jwt-private.pem --role auditor --name zhang.san --hours 8
 * </pre>
 *
 * The token goes to standard output, nothing else does. Not part of the running service.
 */
public final class MintToken {

    /** The issuer the service trusts unless {@code mp.jwt.verify.issuer} says otherwise (application.properties). */
    public static final String DEFAULT_ISSUER = "urn:pbm:decision-service";
    static final Set<String> ROLES = Set.of(Roles.DECISION_CLIENT, Roles.AUDITOR, Roles.POLICY_OFFICER);
    static final String USAGE = """
            usage: MintToken --key PRIVATE_KEY.pem --role ROLE[,ROLE] --name CALLER [--hours N] [--issuer ISSUER]
              --key     the PKCS#8 PEM private key made with openssl (docs/security.md)
              --role    decision-client, auditor or policy-officer (several separated by commas)
              --name    who the token is for: a person or a system; recorded as the caller in the decision log
              --hours   how long the token is valid (default 8)
              --issuer  must equal the service's mp.jwt.verify.issuer (default %s)
            """.formatted(DEFAULT_ISSUER);

    private MintToken() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Prints a token on {@code out} and answers 0, or prints what is wrong on {@code err} and answers 2. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path key = Path.of(options.get("key"));
        if (!Files.isReadable(key)) {
            err.println("cannot read the private key " + key);
            return 2;
        }
        PrivateKey privateKey = KeyUtils.decodePrivateKey(Files.readString(key));
        out.println(mint(privateKey, options.get("name"), roles(options.get("role")),
                Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "8"))),
                options.getOrDefault("issuer", DEFAULT_ISSUER)));
        return 0;
    }

    /** A signed token (RS256) for {@code name} with {@code roles} in its groups. */
    public static String mint(PrivateKey key, String name, Set<String> roles, Duration validity, String issuer) {
        return Jwt.issuer(issuer)
                .upn(name)
                .subject(name)
                .groups(roles)
                .expiresIn(validity)
                .sign(key);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !List.of("key", "role", "name", "hours", "issuer").contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.put(name, args[i + 1]);
        }
        for (String required : List.of("key", "role", "name")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        if (options.containsKey("hours") && !options.get("hours").matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("--hours must be a whole number of hours, at least 1");
        }
        roles(options.get("role"));
        return options;
    }

    private static Set<String> roles(String list) {
        Set<String> roles = new LinkedHashSet<>(List.of(list.split(",")));
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("not a role of this service: '" + role + "' (one of " + ROLES + ")");
            }
        }
        return roles;
    }
}
