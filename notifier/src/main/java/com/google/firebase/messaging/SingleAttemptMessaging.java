package com.google.firebase.messaging;

import com.google.firebase.FirebaseApp;
import com.google.firebase.ImplFirebaseTrampolines;
import com.google.firebase.internal.ApiClientUtils;

/**
 * A {@link FirebaseMessaging} whose HTTP calls are made once: the Admin SDK's own client retries a
 * 503 up to four times (waiting up to a minute for each), which would hide the provider's state from
 * the notifier's own durable retry policy (Tandem's docs/decisions/0012) and send an FCM message again
 * without being asked. The SDK offers no public setting for it, so this one class lives in the SDK's
 * package to build its client as {@code FirebaseMessaging.getInstance} does, minus the retry
 * configuration. Checked against firebase-admin 9.11.0 by the notifier's PushSenderTest.
 */
public final class SingleAttemptMessaging {

    private SingleAttemptMessaging() {
    }

    public static FirebaseMessaging of(FirebaseApp app) {
        FirebaseMessagingClientImpl client = FirebaseMessagingClientImpl.builder()
                .setProjectId(ImplFirebaseTrampolines.getProjectId(app))
                .setRequestFactory(ApiClientUtils.newAuthorizedRequestFactory(app, null))
                .setChildRequestFactory(ApiClientUtils.newUnauthorizedRequestFactory(app))
                .setJsonFactory(app.getOptions().getJsonFactory())
                .build();
        return FirebaseMessaging.builder()
                .setFirebaseApp(app)
                .setMessagingClient(() -> client)
                .setInstanceIdClient(() -> InstanceIdClientImpl.fromApp(app))
                .build();
    }
}
