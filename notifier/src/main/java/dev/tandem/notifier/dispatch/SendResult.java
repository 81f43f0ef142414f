package dev.tandem.notifier.dispatch;

import java.util.List;

/**
 * What a provider answered, classified ({@link ProviderOutcomes}): accepted; or refused for good
 * ({@code PERMANENT}); or unavailable, worth trying again on the same channel ({@code TRANSIENT}); or
 * sent with no answer, so whether it went cannot be known and it is never risked twice
 * ({@code UNKNOWN}). {@code address} is where it went (personal data: kept out of logs); {@code reason}
 * is short and names no person; {@code staleAddresses} are device tokens the provider says will never
 * work again.
 */
public record SendResult(Outcome outcome, String providerId, String address, String reason,
                         List<String> staleAddresses) {

    public enum Outcome { ACCEPTED, TRANSIENT, PERMANENT, UNKNOWN }

    public SendResult {
        staleAddresses = List.copyOf(staleAddresses);
    }

    public static SendResult accepted(String providerId, String address) {
        return new SendResult(Outcome.ACCEPTED, providerId, address, null, List.of());
    }

    /** Refused for good: the carer's next channel is tried. */
    public static SendResult refused(String reason) {
        return failed(Outcome.PERMANENT, reason);
    }

    public static SendResult failed(Outcome outcome, String reason) {
        if (outcome == Outcome.ACCEPTED) {
            throw new IllegalArgumentException("an accepted message has a provider id, not a reason");
        }
        return new SendResult(outcome, null, null, reason, List.of());
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    public SendResult withStaleAddresses(List<String> stale) {
        return new SendResult(outcome, providerId, address, reason, stale);
    }

    @Override
    public String toString() {
        return accepted() ? "SendResult[accepted " + providerId + "]" : "SendResult[" + outcome + " " + reason + "]";
    }
}
