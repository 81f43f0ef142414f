package dev.tandem.notifier.push;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/** Builds a uniquely named {@link FirebaseApp}, optionally talking to a stand-in for Google's APIs. */
public final class FirebaseApps {

    private FirebaseApps() {
    }

    public static FirebaseApp create(FirebaseProperties properties) {
        return create(properties, ProviderTimeouts.DEFAULTS);
    }

    public static FirebaseApp create(FirebaseProperties properties, ProviderTimeouts timeouts) {
        HttpTransport transport = transport(properties.apiBaseUrl());
        GoogleCredentials credentials;
        try (InputStream json = Files.newInputStream(Path.of(properties.credentialsFile()))) {
            // the token exchange must use the same transport, or it would leave for the real Google
            credentials = GoogleCredentials.fromStream(json, () -> transport);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Firebase service-account file named by "
                    + "platform.firebase.credentials-file", e);
        }
        FirebaseOptions options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setHttpTransport(transport)
                .setConnectTimeout((int) timeouts.connect().toMillis())
                .setReadTimeout((int) timeouts.read().toMillis())
                .build();
        // unique, because FirebaseApp names are global to the JVM (tests, two contexts in one process)
        return FirebaseApp.initializeApp(options, "tandem-notifier-" + UUID.randomUUID());
    }

    static HttpTransport transport(URI apiBaseUrl) {
        if (apiBaseUrl == null) {
            return new NetHttpTransport();
        }
        String base = apiBaseUrl.toString().replaceAll("/+$", "");
        return new NetHttpTransport.Builder()
                .setConnectionFactory(url -> open(url, base))
                .build();
    }

    private static HttpURLConnection open(URL url, String base) throws IOException {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("googleapis.com") || host.endsWith(".googleapis.com")) {
            URL redirected = URI.create(base + url.getFile()).toURL();
            return (HttpURLConnection) redirected.openConnection(Proxy.NO_PROXY);
        }
        return (HttpURLConnection) url.openConnection();
    }
}
