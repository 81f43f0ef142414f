package dev.tandem.platform.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Google service-account file for the FCM stand-in: a key generated on this machine (it signs the
 * token request; nobody checks it) and a token endpoint on the stand-in. The key is kept across
 * restarts; the endpoint is rewritten when the stand-in's port changes.
 */
final class SandboxCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxCredentials() {
    }

    @SuppressWarnings("unchecked")
    static Path ensure(Path file, String projectId, String tokenUri) {
        try {
            Map<String, Object> account = Files.exists(file) ? JSON.readValue(file.toFile(), Map.class) : Map.of();
            if (tokenUri.equals(account.get("token_uri")) && account.get("private_key") != null) {
                return file;
            }
            Map<String, Object> updated = new LinkedHashMap<>();
            updated.put("type", "service_account");
            updated.put("project_id", projectId);
            updated.put("private_key_id", "sandbox");
            updated.put("private_key", account.getOrDefault("private_key", newPrivateKey()));
            updated.put("client_email", "notifier@" + projectId + ".iam.gserviceaccount.com");
            updated.put("client_id", "0");
            updated.put("token_uri", tokenUri);
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(updated),
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's Firebase credentials to " + file, e);
        }
    }

    private static String newPrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }
}
