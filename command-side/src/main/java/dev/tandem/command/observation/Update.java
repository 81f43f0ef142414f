package dev.tandem.command.observation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.command.lookup.Directory;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Something a key person shared with a family (for now an observation) and the carers' answers to it.
 */
@Aggregate
public class Update {

    @AggregateIdentifier
    private String updateId;
    private String childId;
    private String familyId;
    private final Set<String> replies = new HashSet<>();

    protected Update() {
        // for Axon
    }

    @CommandHandler
    public Update(ShareObservation command, Directory directory, Permissions permissions, Clock clock) {
        Directory.ChildEntry child = directory.child(command.childId())
                .orElseThrow(() -> RefusedException.notFound("unknown-child", "There is no child " + command.childId() + "."));
        permissions.requireMayShareAbout(command.actor(), child);
        apply(new ObservationShared(command.updateId(), child.childId(), child.familyId(), child.settingId(),
                command.actor().id(), command.text(), Set.copyOf(command.areas()), command.nextSteps(), clock.instant()));
    }

    @CommandHandler
    void handle(RecordParentReply command, Directory directory, Clock clock) {
        if (replies.contains(command.replyId())) {
            return; // a provider's retry of the same message
        }
        boolean carerOfFamily = directory.carer(command.carerId())
                .filter(carer -> carer.familyId().equals(familyId))
                .isPresent();
        if (!carerOfFamily) {
            throw RefusedException.forbidden("not-a-carer-here", "Only carers of this child's family may reply.");
        }
        apply(new ParentReplied(command.replyId(), updateId, childId, familyId, command.carerId(), command.text(),
                command.channel(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ObservationShared event) {
        updateId = event.updateId();
        childId = event.childId();
        familyId = event.familyId();
    }

    @EventSourcingHandler
    void on(ParentReplied event) {
        replies.add(event.replyId());
    }
}
