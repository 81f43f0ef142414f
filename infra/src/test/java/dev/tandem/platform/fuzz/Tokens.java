package dev.tandem.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Bearer tokens the platform must not believe: garbage, other schemes, unsigned, signed with another key
 * or algorithm, tampered, expired, not yet valid, without an expiry, from another issuer, for a subject
 * it does not know. Those signed with the platform's own key are what an insider with the key could
 * forge; they still must not get in.
 */
final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final String secret;

    Tokens(String secret) {
        this.secret = secret;
    }

    /**
     * An {@code Authorization} header value that signs nobody in ({@code Optional.empty()}: no header at all),
     * for a caller whose real subject and token are given.
     *
     * @param bearerOnly only values in the Bearer scheme: without one (or with another scheme) an open
     *                   endpoint such as sign-in is simply called anonymously, which is no refusal
     */
    Arbitrary<Optional<String>> refusedAuthorization(String subject, String validToken, boolean bearerOnly) {
        long now = Instant.now().getEpochSecond();
        String claims = "\"iss\":\"tandem\",\"iat\":" + (now - 60) + ",\"roles\":[\"ADMIN\"]";
        Arbitrary<String> bearer = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "x", "null", "undefined", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9..",
                        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", validToken.substring(0, validToken.length() / 2),
                        validToken + "x", validToken + "." + validToken, validToken.replace('.', '-'),
                        "tok\u00e9n")),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                        .withChars('-', '_', '.').ofMinLength(1).ofMaxLength(400)),
                Tuple.of(1, Arbitraries.integers().between(17_000, 30_000).map(n -> "a".repeat(n))),
                Tuple.of(1, Arbitraries.just(unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"sub\":\"" + subject + "\"," + claims
                        + ",\"exp\":" + (now + 600) + "}"))),
                Tuple.of(6, Arbitraries.of(
                        // signed right, but: expired (beyond the 60 s clock skew); not yet valid; no expiry; another issuer; nobody we know
                        signed("{\"sub\":\"" + subject + "\",\"iss\":\"tandem\",\"iat\":" + (now - 7200) + ",\"exp\":" + (now - 3600) + "}"),
                        signed("{\"sub\":\"" + subject + "\"," + claims + ",\"nbf\":" + (now + 3600) + ",\"exp\":" + (now + 7200) + "}"),
                        signed("{\"sub\":\"" + subject + "\"," + claims + "}"),
                        signed("{\"sub\":\"" + subject + "\",\"iss\":\"someone-else\",\"exp\":" + (now + 600) + "}"),
                        signed("{\"sub\":\"" + subject + "\",\"exp\":" + (now + 600) + "}"),
                        signed("{\"sub\":\"" + UUID.randomUUID() + "\"," + claims + ",\"exp\":" + (now + 600) + "}"),
                        signed("{\"sub\":\"admin\"," + claims + ",\"exp\":" + (now + 600) + "}"),
                        signed("{\"sub\":12345," + claims + ",\"exp\":" + (now + 600) + "}"),
                        signed("{\"sub\":\"" + subject + "\"," + claims + ",\"exp\":\"tomorrow\"}"),
                        signed("{\"sub\":\"" + subject + "\"," + claims + ",\"exp\":" + (now + 600) + ",\"iat\":\"x\"}"),
                        signed("[\"" + subject + "\"]"),
                        signed("not json"),
                        // the right claims, another key or algorithm
                        sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"" + subject + "\"," + claims + ",\"exp\":"
                                + (now + 600) + "}", "HmacSHA256", "not-the-platform-secret-not-the-platform-secret"),
                        sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"sub\":\"" + subject + "\"," + claims + ",\"exp\":"
                                + (now + 600) + "}", "HmacSHA512", secret),
                        tampered(validToken))));
        Arbitrary<String> bearerHeader = bearer.map(token -> "Bearer " + token);
        if (bearerOnly) {
            return bearerHeader.map(Optional::of);
        }
        return Arbitraries.oneOf(List.of(bearerHeader.map(Optional::of),
                Arbitraries.just(Optional.<String>empty()),
                Arbitraries.of("", "Bearer", "Bearer  " + validToken, "Bearer " + validToken + " extra", validToken,
                        "Basic YWRtaW46YWRtaW4=", "Token " + validToken, "Bearer:" + validToken,
                        "Digest username=\"admin\"").map(Optional::of)));
    }

    /** Signed with the platform's key, and no subject the platform could look up: nobody. */
    Arbitrary<String> withoutUsableSubject() {
        long now = Instant.now().getEpochSecond();
        String rest = "\"iss\":\"tandem\",\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"roles\":[\"MANAGER\"]";
        return Arbitraries.of(signed("{" + rest + "}"), signed("{\"sub\":\"\\u0000\"," + rest + "}"),
                signed("{\"sub\":\"x\\u0000y\"," + rest + "}"), signed("{\"sub\":null," + rest + "}"))
                .map(token -> "Bearer " + token);
    }

    private String signed(String claims) {
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", secret);
    }

    /** The payload changed (roles ADMIN) under the original signature. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"roles\":\\[[^]]*]", "\"roles\":[\"ADMIN\"]");
        if (payload.equals(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))) {
            payload = payload.replaceFirst("\\{", "{\"admin\":true,");
        }
        return parts[0] + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String unsigned(String header, String claims) {
        return URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String sign(String header, String claims, String algorithm, String key) {
        String content = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return content + "." + URL.encodeToString(hmac(algorithm, key, content));
    }

    static byte[] hmac(String algorithm, String key, String content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
