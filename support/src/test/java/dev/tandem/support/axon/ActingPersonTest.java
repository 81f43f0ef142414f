package dev.tandem.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Role;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ActingPersonTest {

    private final ActingPerson provider = new ActingPerson();

    @Test
    void aCommandsActorIsWhoActed() {
        Map<String, Object> data = (Map<String, Object>) provider.correlationDataFor(GenericCommandMessage.asCommandMessage(
                new AcknowledgeUpdate("update-1", new Actor("staff-1", Set.of(Role.MANAGER, Role.DSL)))));

        assertThat(data).containsEntry(ActingPerson.ACTOR_ID, "staff-1")
                .containsEntry(ActingPerson.ACTOR_ROLES, "DSL,MANAGER");
    }

    @Test
    void aCarersSmsCommandHasTheCarerAsItsActor() {
        Map<String, Object> data = (Map<String, Object>) provider.correlationDataFor(GenericCommandMessage.asCommandMessage(
                new RecordParentReply("update-1", "reply-1", "carer-1", "Thanks", Channel.SMS)));

        assertThat(data).containsEntry(ActingPerson.ACTOR_ID, "carer-1").containsEntry(ActingPerson.ACTOR_ROLES, "CARER");
    }

    @Test
    void whatAProcessorPublishesWhileHandlingAnEventIsNobodysDoing() {
        assertThat(provider.correlationDataFor(GenericEventMessage.asEventMessage(new CarerRestricted("child-1",
                "family-1", "setting-1", "carer-1", "Court order", "dsl-1", Instant.now())))).isEmpty();
    }
}
