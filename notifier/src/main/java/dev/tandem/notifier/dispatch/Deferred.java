package dev.tandem.notifier.dispatch;

import dev.tandem.notifier.template.RenderedMessage;
import java.time.Instant;

/** A notification held back by a carer's quiet hours until {@code dueAt}, as rendered when it was held back. */
public record Deferred(Notice notice, String carerId, Instant dueAt, RenderedMessage message) {

    @Override
    public String toString() {
        return "Deferred[" + notice.updateId() + " " + carerId + " " + dueAt + "]";
    }
}
