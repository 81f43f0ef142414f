package dev.tandem.notifier.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Google service-account JSON with a freshly generated key, whose token endpoint is a stand-in. */
public final class ServiceAccounts {

    private ServiceAccounts() {
    }

    public static Path write(Path directory, String projectId, String tokenUri) throws IOException {
        String pem;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                            generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", projectId);
        json.put("private_key_id", "test-key");
        json.put("private_key", pem);
        json.put("client_email", "notifier@" + projectId + ".iam.gserviceaccount.com");
        json.put("client_id", "1");
        json.put("token_uri", tokenUri);
        Path file = directory.resolve("service-account.json");
        new ObjectMapper().writeValue(file.toFile(), json);
        return file;
    }
}
