package dev.tandem.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
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
        HttpClientBuilder http = HttpClientBuilder.create()
                // the Apache layer would retry a 429/503 POST on its own and wait for Retry-After without a cap
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(10, TimeUnit.SECONDS)
                                .setSocketTimeout(30, TimeUnit.SECONDS)
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
     * timed-out attempt may still have been sent) and the dispatcher falls back to the carer's next
     * channel, so one attempt it is.
     */
    static final class SingleAttemptHttpClient extends NetworkHttpClient {

        SingleAttemptHttpClient(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }
    }
}
