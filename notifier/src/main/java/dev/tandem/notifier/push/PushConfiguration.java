package dev.tandem.notifier.push;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.SingleAttemptMessaging;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FirebaseProperties.class)
public class PushConfiguration {

    /** Deleted with the context, which stops its threads and frees its name. */
    @Bean(destroyMethod = "delete")
    @Conditional(FirebaseConfigured.class)
    FirebaseApp notifierFirebaseApp(FirebaseProperties properties, ProviderTimeouts timeouts) {
        return FirebaseApps.create(properties, timeouts);
    }

    /** One HTTP call per message: the notifier retries by its own policy (docs/decisions/0012). */
    @Bean
    @Conditional(FirebaseConfigured.class)
    FirebaseMessaging notifierFirebaseMessaging(FirebaseApp notifierFirebaseApp) {
        return SingleAttemptMessaging.of(notifierFirebaseApp);
    }
}
