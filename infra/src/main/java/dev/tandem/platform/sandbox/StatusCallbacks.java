package dev.tandem.platform.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts Twilio's status callbacks for the SMS stand-in, as Twilio does: asynchronously, form-encoded,
 * signed with {@code X-Twilio-Signature} (HMAC-SHA1 with the auth token of the message's
 * {@code StatusCallback} URL followed by the sorted form fields, base64). The URL signed is the one the
 * platform gave (its public URL plus the path); the request goes to the platform on this machine, which
 * may listen on another port than its public URL says.
 */
public final class StatusCallbacks {

    private static final Logger log = LoggerFactory.getLogger(StatusCallbacks.class);

    private final String authToken;
    private final Supplier<String> localBase;
    private final Duration step;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-twilio-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param localBase where the platform listens on this machine ({@code http://127.0.0.1:8080}), or
     *                  null (yet) to post to the callback URL itself
     * @param step      the pause before each callback
     */
    public StatusCallbacks(String authToken, Supplier<String> localBase, Duration step) {
        this.authToken = authToken;
        this.localBase = localBase;
        this.step = step;
    }

    /** Reports each status in turn, one step apart, starting one step from now. */
    public void report(String callbackUrl, Map<String, String> message, String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            String status = statuses[i];
            executor.schedule(() -> post(callbackUrl, message, status), step.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    private void post(String callbackUrl, Map<String, String> message, String status) {
        Map<String, String> form = new TreeMap<>(message);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        if (status.equals("undelivered") || status.equals("failed")) {
            form.put("ErrorCode", "30003");
        }
        try {
            URI signed = URI.create(callbackUrl);
            String base = localBase.get();
            URI target = base == null ? signed : URI.create(base.replaceAll("/+$", "") + signed.getRawPath());
            String body = form.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature(callbackUrl, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    log.debug("The sandbox's status callback {} could not be delivered", status, failure);
                }
            });
        } catch (RuntimeException e) {
            log.debug("The sandbox's status callback {} could not be sent", status, e);
        }
    }

    /** Twilio's request signature of a form POST. */
    public static String signature(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    private String signature(String url, Map<String, String> form) {
        return signature(authToken, url, form);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public void stop() {
        executor.shutdownNow();
    }
}
