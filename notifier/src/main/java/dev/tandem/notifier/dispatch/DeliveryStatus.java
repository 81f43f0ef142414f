package dev.tandem.notifier.dispatch;

/** Where one attempt stands. PENDING is written before the provider is called; DELIVERED comes from the provider later. */
public enum DeliveryStatus {
    PENDING, SENT, DELIVERED, FAILED, SKIPPED
}
