package cn.pbm.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import cn.pbm.platform.MintToken;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.Header;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The key pair every test run makes for itself (no key is committed): generated once per test JVM under
 * {@code target/test-keys/}, the public half handed to the service as {@code mp.jwt.verify.publickey.location},
 * the private half used here to mint tokens the way {@link MintToken} does for a deployment. Global: every
 * {@code @QuarkusTest} gets it, unless its profile turns global resources off (the no-key test does).
 */
@WithTestResource(value = TestTokens.class, scope = TestResourceScope.GLOBAL)
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    static final Path DIRECTORY = Path.of("target", "test-keys");
    static final Path PRIVATE_KEY = DIRECTORY.resolve("private.pem");
    static final Path PUBLIC_KEY = DIRECTORY.resolve("public.pem");
    /** Set once the keys of this JVM are written; later application starts (other test profiles) reuse them. */
    private static final String GENERATED = "pbm-test.keys.generated";

    @Override
    public Map<String, String> start() {
        synchronized (System.getProperties()) {
            if (System.getProperty(GENERATED) == null) {
                write(generate());
                System.setProperty(GENERATED, "true");
            }
        }
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC_KEY.toAbsolutePath().toString());
    }

    @Override
    public void stop() {
    }

    static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(KeyPair keys) {
        try {
            Files.createDirectories(DIRECTORY);
            writeAtomically(PRIVATE_KEY, pem("PRIVATE KEY", keys.getPrivate()));
            writeAtomically(PUBLIC_KEY, pem("PUBLIC KEY", keys.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temporary = Files.createTempFile(DIRECTORY, target.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** PKCS#8 / X.509 PEM, as {@code openssl genpkey} and {@code openssl pkey -pubout} write them. */
    static String pem(String type, Key key) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(PRIVATE_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for {@code name} holding {@code roles}, minted as a deployment mints it. */
    public static String token(String name, String... roles) {
        return MintToken.mint(privateKey(), name, Set.of(roles), Duration.ofMinutes(10), MintToken.DEFAULT_ISSUER);
    }

    public static Header bearer(String token) {
        return new Header("Authorization", "Bearer " + token);
    }

    /** The header of an auditor's call. */
    public static Header asAuditor() {
        return bearer(token("test-auditor", "auditor"));
    }

    /** Tokens the service must refuse (401), by what is wrong with them. */
    public static Map<String, String> badTokens() {
        Instant now = Instant.now();
        PrivateKey otherKey = generate().getPrivate();
        String valid = token("mallory", "auditor");
        return Map.of(
                "malformed", "not-a-jwt",
                "three garbage segments", "abc.def.ghi",
                "tampered payload", valid.substring(0, valid.indexOf('.') + 1)
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(
                                "{\"upn\":\"mallory\",\"groups\":[\"policy-officer\"]}".getBytes())
                        + valid.substring(valid.lastIndexOf('.')),
                "expired", Jwt.issuer(MintToken.DEFAULT_ISSUER).upn("mallory").groups("auditor")
                        .issuedAt(now.minus(Duration.ofHours(3))).expiresAt(now.minus(Duration.ofHours(2)))
                        .sign(privateKey()),
                "signed by another key", MintToken.mint(otherKey, "mallory", Set.of("auditor"), Duration.ofMinutes(10),
                        MintToken.DEFAULT_ISSUER),
                "without groups", Jwt.issuer(MintToken.DEFAULT_ISSUER).upn("mallory").expiresIn(600)
                        .sign(privateKey()),
                "from another issuer", MintToken.mint(privateKey(), "mallory", Set.of("auditor"),
                        Duration.ofMinutes(10), "https://idp.example.org"));
    }
}
