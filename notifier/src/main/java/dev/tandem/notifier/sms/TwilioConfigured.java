package dev.tandem.notifier.sms;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** An account SID and an auth token are set (an empty environment variable counts as unset). */
class TwilioConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return StringUtils.hasText(environment.getProperty("platform.twilio.account-sid"))
                && StringUtils.hasText(environment.getProperty("platform.twilio.auth-token"));
    }
}
