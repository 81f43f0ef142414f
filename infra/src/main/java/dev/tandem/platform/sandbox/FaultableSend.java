package dev.tandem.platform.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import java.time.Duration;
import java.util.Optional;

/**
 * How a WireMock stand-in answers a send: the next fault asked for through {@code /sandbox/faults}
 * ({@code UNAVAILABLE} and {@code REJECTED} in the provider's own words; {@code NO_ANSWER} takes the
 * message and answers too late for the client), else the provider's acceptance, which records the
 * message in the outbox. Each stand-in says only how its provider words those answers.
 */
abstract class FaultableSend implements ResponseDefinitionTransformerV2 {

    private final String name;
    private final String channel;
    private final SandboxFaults faults;
    private final Duration noAnswerFor;

    FaultableSend(String name, String channel, SandboxFaults faults, Duration noAnswerFor) {
        this.name = name;
        this.channel = channel;
        this.faults = faults;
        this.noAnswerFor = noAnswerFor;
    }

    @Override
    public final ResponseDefinition transform(ServeEvent event) {
        Optional<Kind> fault = faults.take(channel);
        if (fault.isPresent() && fault.get() == Kind.UNAVAILABLE) {
            return unavailable().build();
        }
        if (fault.isPresent() && fault.get() == Kind.REJECTED) {
            return rejected().build();
        }
        ResponseDefinitionBuilder answer = accepted(event, fault);
        if (fault.isPresent() && fault.get() == Kind.NO_ANSWER) {
            answer.withFixedDelay((int) noAnswerFor.toMillis());
        }
        return answer.build();
    }

    /** The provider's "try again later". */
    abstract ResponseDefinitionBuilder unavailable();

    /** The provider's refusal of this recipient. */
    abstract ResponseDefinitionBuilder rejected();

    /** Records the message in the outbox and answers as the provider does; {@code fault} is any other asked for. */
    abstract ResponseDefinitionBuilder accepted(ServeEvent event, Optional<Kind> fault);

    @Override
    public final boolean applyGlobally() {
        return false;
    }

    @Override
    public final String getName() {
        return name;
    }
}
