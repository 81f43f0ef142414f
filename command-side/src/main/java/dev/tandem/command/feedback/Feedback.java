package dev.tandem.command.feedback;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.feedback.GiveFeedback;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.update.Update;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;

/** A key person's word to a family about their child, on its own or answering one of the family's updates or replies. */
@Aggregate
public class Feedback extends Update {

    protected Feedback() {
        // for Axon
    }

    @CommandHandler
    public Feedback(GiveFeedback command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        if (command.inReplyTo() != null && !answersFamily(command.inReplyTo(), child.familyId(), lookups)) {
            throw RefusedException.conflict("in-reply-to-unknown",
                    "Feedback can answer only an update or a reply of this child's family.");
        }
        apply(new FeedbackGiven(command.updateId(), child.childId(), child.familyId(), child.settingId(),
                command.actor().id(), command.text(), command.inReplyTo(), clock.instant()));
    }

    private static boolean answersFamily(String inReplyTo, String familyId, RuleLookups lookups) {
        return lookups.update(inReplyTo).filter(update -> update.familyIds().contains(familyId)).isPresent()
                || lookups.familyOfReply(inReplyTo).filter(familyId::equals).isPresent();
    }

    @EventSourcingHandler
    void on(FeedbackGiven event) {
        sharedWith(event.updateId(), event.settingId(), event.childId(), event.familyId(), event.authorId());
    }
}
