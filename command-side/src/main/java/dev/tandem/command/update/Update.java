package dev.tandem.command.update;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.api.update.WithdrawUpdate;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What every update staff share with families has in common, whatever its kind: the carers' replies
 * and acknowledgements, and its withdrawal. Each kind (an observation, a meeting, feedback, an
 * announcement) is a subtype in its own feature package, created by its own command; together they
 * are one polymorphic aggregate, because the contract gives them one id space
 * ({@code /api/updates/{id}/...}) and a meeting's id is its update id.
 *
 * <p>The update knows its audience from the moment it is shared: the child's family, or an
 * announcement's recipient families with the children through whom it reached them. Rules that span
 * updates read the {@link RuleLookups}. Which kind a stored stream is, {@link UpdateFactory} reads
 * from its first event.
 */
@Aggregate
public abstract class Update {

    @AggregateIdentifier
    private String updateId;
    private String settingId;
    private String childId;
    private String authorId;
    /** Each family the update went to, with the children it is about for that family. */
    private final Map<String, Set<String>> audience = new HashMap<>();
    private final Set<String> replies = new HashSet<>();
    private final Set<String> acknowledgedBy = new HashSet<>();
    private boolean withdrawn;

    protected Update() {
        // for Axon
    }

    /** From the app or by SMS; a provider's retry of the same message records nothing twice. */
    @CommandHandler
    void handle(RecordParentReply command, RuleLookups lookups, Clock clock) {
        if (replies.contains(command.replyId())) {
            return;
        }
        CarerEntry carer = requireAudience(command.carerId(), lookups);
        requireNotWithdrawn();
        apply(new ParentReplied(command.replyId(), updateId, childId, carer.familyId(), carer.carerId(), command.text(),
                command.channel(), clock.instant()));
    }

    /** Once per carer: a repeat records nothing. */
    @CommandHandler
    void handle(AcknowledgeUpdate command, RuleLookups lookups, Clock clock) {
        CarerEntry carer = requireAudience(command.actor().id(), lookups);
        if (acknowledgedBy.contains(carer.carerId())) {
            return;
        }
        requireNotWithdrawn();
        apply(new UpdateAcknowledged(updateId, childId, carer.familyId(), carer.carerId(), clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawUpdate command, Permissions permissions, Clock clock) {
        Actor actor = command.actor();
        boolean author = actor.id().equals(authorId) && (actor.is(Role.KEY_PERSON) || actor.is(Role.MANAGER));
        if (!author && !permissions.isManagerOf(actor, settingId)) {
            throw RefusedException.forbidden("not-author", "Only its author or a manager of the setting may withdraw an update.");
        }
        if (withdrawn) {
            return;
        }
        apply(new UpdateWithdrawn(updateId, settingId, childId, List.copyOf(new TreeSet<>(audience.keySet())),
                command.reason(), actor.id(), clock.instant()));
    }

    /** The child an update is shared about, if the actor may share about them (their key person or a manager there). */
    protected static ChildEntry sharedAbout(String childId, Actor actor, RuleLookups lookups, Permissions permissions) {
        ChildEntry child = lookups.child(childId)
                .orElseThrow(() -> RefusedException.notFound("unknown-child", "There is no child " + childId + "."));
        permissions.requireMayShareAbout(actor, child);
        return child;
    }

    protected void requireNotWithdrawn() {
        if (withdrawn) {
            throw RefusedException.conflict("update-withdrawn", "This update was withdrawn.");
        }
    }

    /** Called by each kind's first event: an update about one child goes to that child's family. */
    protected void sharedWith(String id, String settingId, String childId, String familyId, String authorId) {
        sharedWith(id, settingId, authorId, Map.of(familyId, Set.of(childId)));
        this.childId = childId;
    }

    /** Called by each kind's first event: the families it went to, each with the children it is about there. */
    protected void sharedWith(String id, String settingId, String authorId, Map<String, Set<String>> audience) {
        this.updateId = id;
        this.settingId = settingId;
        this.authorId = authorId;
        this.audience.putAll(audience);
    }

    protected String updateId() {
        return updateId;
    }

    protected String settingId() {
        return settingId;
    }

    /** The child it is about, or null for an announcement. */
    protected String childId() {
        return childId;
    }

    /** The family of an update about one child. */
    protected String familyId() {
        return audience.keySet().iterator().next();
    }

    /**
     * A carer of a family the update went to who may still hear about at least one of the children it
     * is about there (a carer restricted from all of them is not told, and cannot answer).
     */
    private CarerEntry requireAudience(String carerId, RuleLookups lookups) {
        CarerEntry carer = lookups.carer(carerId)
                .filter(found -> audience.containsKey(found.familyId()))
                .orElseThrow(() -> RefusedException.forbidden("not-a-carer-here",
                        "Only carers of a family this update went to may answer it."));
        if (audience.get(carer.familyId()).stream().allMatch(child -> lookups.isRestricted(child, carerId))) {
            throw RefusedException.forbidden("carer-restricted", "You cannot answer updates about this child.");
        }
        return carer;
    }

    @EventSourcingHandler
    void on(ParentReplied event) {
        replies.add(event.replyId());
    }

    @EventSourcingHandler
    void on(UpdateAcknowledged event) {
        acknowledgedBy.add(event.carerId());
    }

    @EventSourcingHandler
    void on(UpdateWithdrawn event) {
        withdrawn = true;
    }
}
