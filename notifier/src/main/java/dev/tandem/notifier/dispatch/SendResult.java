package dev.tandem.notifier.dispatch;

import java.util.List;

/**
 * What a provider answered. {@code address} is where it went (personal data: kept out of logs);
 * {@code reason} is short and names no person; {@code staleAddresses} are device tokens the provider
 * says will never work again.
 */
public record SendResult(boolean accepted, String providerId, String address, String reason,
                         List<String> staleAddresses) {

    public SendResult {
        staleAddresses = List.copyOf(staleAddresses);
    }

    public static SendResult accepted(String providerId, String address) {
        return new SendResult(true, providerId, address, null, List.of());
    }

    public static SendResult refused(String reason) {
        return new SendResult(false, null, null, reason, List.of());
    }

    public SendResult withStaleAddresses(List<String> stale) {
        return new SendResult(accepted, providerId, address, reason, stale);
    }

    @Override
    public String toString() {
        return accepted ? "SendResult[accepted " + providerId + "]" : "SendResult[refused " + reason + "]";
    }
}
