package dev.tandem.query.timeline;

import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a resuming stream needs beyond the entries themselves (which carry the position of their last
 * change): which entries left the timeline, and which left or came back into one carer's view, while the
 * reader was away; and the counter that numbers the changes.
 */
final class ReplayDocuments {

    private ReplayDocuments() {
    }

    /**
     * An entry that was withdrawn, kept without its content: {@code hiddenFrom} are the family's carers who
     * could not see it when it was withdrawn (barred from what it was about), who are not told of it.
     */
    @Document(Withdrawal.COLLECTION)
    record Withdrawal(@Id String id, String updateId, String familyId, Set<String> hiddenFrom, long sequence) {

        static final String COLLECTION = "timeline_withdrawals";
    }

    /**
     * The last time an entry left ({@code visible} false) or came back into one carer's view because they
     * were barred from its child or the bar was lifted; one document per carer and entry.
     */
    @Document(AccessChange.COLLECTION)
    record AccessChange(@Id String id, String carerId, String familyId, String entryId, String updateId,
                        boolean visible, long sequence) {

        static final String COLLECTION = "timeline_access_changes";

        static String idOf(String carerId, String entryId) {
            return carerId + "|" + entryId;
        }
    }

    /**
     * The change counter: {@code assigned} is the last number given to a change, {@code released} the last
     * one whose writes are all stored (a resuming stream reads up to it, and takes what is later live).
     * {@code store} is chosen once, when the counter is created; a rebuild keeps the counter, so that the
     * rebuilt entries come after every position given out before.
     */
    @Document(Sequence.COLLECTION)
    record Sequence(@Id String id, String store, long assigned, long released) {

        static final String COLLECTION = "timeline_sequence";
        static final String ID = "family-views";
    }
}
