package dev.tandem.notifier.push;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
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
    FirebaseApp notifierFirebaseApp(FirebaseProperties properties) {
        return FirebaseApps.create(properties);
    }

    @Bean
    @Conditional(FirebaseConfigured.class)
    FirebaseMessaging notifierFirebaseMessaging(FirebaseApp notifierFirebaseApp) {
        return FirebaseMessaging.getInstance(notifierFirebaseApp);
    }
}
