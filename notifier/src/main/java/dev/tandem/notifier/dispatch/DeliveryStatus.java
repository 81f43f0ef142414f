package dev.tandem.notifier.dispatch;

/** Where one attempt stands. PENDING is written before the provider is called. */
public enum DeliveryStatus {
    PENDING, SENT, FAILED, SKIPPED
}
