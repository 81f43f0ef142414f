package dev.tandem.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Decides what {@code java -jar platform.jar} starts, and fails closed (decision 0016):
 * <ul>
 *   <li>With nothing external configured, and no profile or the {@code embedded} profile: the embedded
 *       default. The {@code embedded} profile is activated (so its stores, stand-ins and sandbox exist) and
 *       {@code embedded-default.yml} is read (its {@code admin} password, loopback only).</li>
 *   <li>As soon as any external store or provider is configured (a datasource URL, {@code MONGODB_URI},
 *       Twilio or Firebase credentials, an SMTP host): that deployment alone, with nothing embedded and no
 *       sandbox. It must be complete: a missing store, secret, or part of a provider's credentials stops the
 *       start with a message naming each missing variable. So does the {@code embedded} profile asked for
 *       together with external configuration, and another profile with nothing external configured.</li>
 * </ul>
 * Runs after the config files and the shared base are read, and before the embedded defaults and the
 * sandbox, which follow the profile decided here.
 */
public class PlatformModePostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "embeddedDefault";
    private static final String LOCATION = "embedded-default.yml";

    /** What makes a deployment external, each with the variable an operator sets. */
    private static final Map<String, String> EXTERNAL = variables(
            "spring.datasource.url", "SPRING_DATASOURCE_URL",
            "spring.mongodb.uri", "MONGODB_URI",
            "platform.twilio.account-sid", "TWILIO_ACCOUNT_SID",
            "platform.twilio.auth-token", "TWILIO_AUTH_TOKEN",
            "platform.twilio.from-number", "TWILIO_FROM_NUMBER",
            "platform.firebase.credentials-file", "GOOGLE_APPLICATION_CREDENTIALS",
            "spring.mail.host", "SPRING_MAIL_HOST");

    /** What every external deployment needs besides at least one provider. */
    private static final Map<String, String> REQUIRED = variables(
            "spring.datasource.url", "SPRING_DATASOURCE_URL",
            "spring.mongodb.uri", "MONGODB_URI",
            "platform.jwt.secret", "PLATFORM_JWT_SECRET",
            "platform.record.seal-key", "PLATFORM_RECORD_SEAL_KEY",
            "platform.privacy.master-key", "PLATFORM_MASTER_KEY",
            "platform.admin.password", "PLATFORM_ADMIN_PASSWORD");

    private static final Map<String, String> TWILIO = variables(
            "platform.twilio.account-sid", "TWILIO_ACCOUNT_SID",
            "platform.twilio.auth-token", "TWILIO_AUTH_TOKEN",
            "platform.twilio.from-number", "TWILIO_FROM_NUMBER");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        boolean embeddedAsked = profiles.contains(EmbeddedDefaultsPostProcessor.PROFILE);
        List<String> external = given(environment, EXTERNAL);
        if (external.isEmpty()) {
            if (!profiles.isEmpty() && !embeddedAsked) {
                throw new IncompleteDeploymentException("The profile(s) " + String.join(", ", profiles)
                        + " run on external stores and providers, and none is configured.",
                        "Set " + String.join(", ", missing(environment)) + ".");
            }
            if (!embeddedAsked) {
                environment.addActiveProfile(EmbeddedDefaultsPostProcessor.PROFILE);
            }
            addEmbeddedDefault(environment);
            return;
        }
        if (embeddedAsked) {
            throw new IncompleteDeploymentException("The embedded default runs on its own stores and stand-ins only,"
                    + " but external configuration is given: " + String.join(", ", external) + ".",
                    "Unset " + String.join(", ", external) + " to run the embedded default, or start without the "
                            + EmbeddedDefaultsPostProcessor.PROFILE + " profile for an external deployment.");
        }
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new IncompleteDeploymentException("An external deployment is configured ("
                    + String.join(", ", external) + ") but it is not complete; missing: " + String.join("; ", missing)
                    + ".", "Set " + String.join("; ", missing)
                    + ", or unset every external setting to run the embedded default.");
        }
    }

    /** What an external deployment still lacks here, by the variables that supply it. */
    private static List<String> missing(ConfigurableEnvironment environment) {
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            if (!StringUtils.hasText(environment.getProperty(property))) {
                missing.add(variable);
            }
        });
        List<String> twilio = given(environment, TWILIO);
        if (!twilio.isEmpty()) {
            TWILIO.values().stream().filter(variable -> !twilio.contains(variable)).forEach(missing::add);
        }
        String credentials = environment.getProperty("platform.firebase.credentials-file");
        boolean firebase = StringUtils.hasText(credentials);
        if (firebase && !Files.isReadable(Path.of(credentials))) {
            missing.add("GOOGLE_APPLICATION_CREDENTIALS (no readable file at the path it names)");
        }
        boolean mail = StringUtils.hasText(environment.getProperty("spring.mail.host"));
        if (twilio.isEmpty() && !firebase && !mail) {
            missing.add("a provider to notify carers: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER (SMS),"
                    + " GOOGLE_APPLICATION_CREDENTIALS (app push) or SPRING_MAIL_HOST (email)");
        }
        return missing;
    }

    private static List<String> given(ConfigurableEnvironment environment, Map<String, String> variables) {
        List<String> given = new ArrayList<>();
        variables.forEach((property, variable) -> {
            if (StringUtils.hasText(environment.getProperty(property))) {
                given.add(variable);
            }
        });
        return given;
    }

    /** Just below the environment variables, as a profile's own file would sit, above the shared files. */
    private static void addEmbeddedDefault(ConfigurableEnvironment environment) {
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(SOURCE, new ClassPathResource(LOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LOCATION, e);
        }
        for (int i = sources.size() - 1; i >= 0; i--) {
            PropertySource<?> source = sources.get(i);
            if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
            } else {
                environment.getPropertySources().addFirst(source);
            }
        }
    }

    private static Map<String, String> variables(String... propertyThenVariable) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < propertyThenVariable.length; i += 2) {
            variables.put(propertyThenVariable[i], propertyThenVariable[i + 1]);
        }
        return variables;
    }

    @Override
    public int getOrder() {
        // after the config files (HIGHEST_PRECEDENCE + 10) and the shared base (+ 11), before the embedded
        // defaults (+ 20) and the sandbox (+ 30)
        return Ordered.HIGHEST_PRECEDENCE + 15;
    }
}
