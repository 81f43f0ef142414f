package dev.tandem.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;

/** Builds the Twilio SDK's client, optionally pointed at a stand-in. */
public final class TwilioClients {

    private TwilioClients() {
    }

    public static TwilioRestClient create(TwilioProperties properties) {
        return create(properties, ProviderTimeouts.DEFAULTS);
    }

    public static TwilioRestClient create(TwilioProperties properties, ProviderTimeouts timeouts) {
        HttpClientBuilder http = HttpClientBuilder.create()
                // the Apache layer would retry a 429/503 POST on its own and wait for Retry-After without a cap
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                                .setSocketTimeout((int) timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
                                .build())
                        .build());
        if (properties.apiBaseUrl() != null) {
            URI base = properties.apiBaseUrl();
            HttpHost standIn = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
            // the SDK has no base-URL setting: every request, whatever its host, goes to the stand-in
            http.setRoutePlanner((target, context) -> new HttpRoute(standIn));
        }
        return new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                .httpClient(new SingleAttemptHttpClient(http))
                .build();
    }

    /**
     * The SDK tries a 5xx three times with pauses in between. A message POST is not idempotent (a
     * timed-out attempt may still have been sent) and the notifier owns the retry policy
     * (docs/decisions/0012), so one attempt it is. An error page that is not Twilio's JSON (a proxy's
     * 503 in HTML) would lose its status in the SDK: its status is kept in a JSON body the SDK reads.
     */
    static final class SingleAttemptHttpClient extends NetworkHttpClient {

        SingleAttemptHttpClient(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request) {
            Response response = makeRequest(request);
            int status = response.getStatusCode();
            if (status < 400) {
                return response;
            }
            String body = response.getContent();
            if (body != null && body.stripLeading().startsWith("{")) {
                return new Response(body, status, response.getHeaders());
            }
            return new Response("{\"status\": " + status + ", \"message\": \"HTTP " + status + "\"}", status,
                    response.getHeaders());
        }
    }
}
