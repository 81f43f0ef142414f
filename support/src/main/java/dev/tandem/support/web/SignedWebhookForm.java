package dev.tandem.support.web;

import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A form a provider posts to one of our webhooks, read the one way every webhook reads it: a body that
 * is not a well-formed form is refused as such, signed or not; a form whose signature does not match
 * the address it was posted to is not believed (empty, for the caller to answer 403); a field with NUL
 * or a control character in it is refused, naming the field, and never stored.
 *
 * <p>The signature is the provider's (Twilio signs the public URL and the fields with the account's
 * auth token); the address is our public URL, since behind a proxy the request's own host is not
 * the one the provider signed.
 */
public final class SignedWebhookForm {

    /** How the provider signs: true when {@code signature} is its signature of the URL and the fields. */
    @FunctionalInterface
    public interface Signature {
        boolean matches(String url, Map<String, String> fields, String signature);
    }

    private final String publicUrl;
    private final Signature signature;

    public SignedWebhookForm(String publicUrl, Signature signature) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.signature = signature;
    }

    /** The form's fields when {@code signed} (the request's signature header, if any) is the provider's. */
    public Mono<Optional<Map<String, String>>> read(ServerWebExchange exchange, String signed) {
        return exchange.getFormData()
                .onErrorMap(IllegalArgumentException.class,
                        broken -> InvalidRequestException.of("body", "is not a well-formed form"))
                .map(form -> {
                    Map<String, String> fields = form.toSingleValueMap();
                    String url = publicUrl + exchange.getRequest().getPath().value();
                    if (signed == null || !signature.matches(url, fields, signed)) {
                        return Optional.empty();
                    }
                    fields.forEach((name, value) -> {
                        String problem = value == null ? null : StrictText.problemWith(value);
                        if (problem != null) {
                            throw InvalidRequestException.of(name, problem);
                        }
                    });
                    return Optional.of(fields);
                });
    }
}
