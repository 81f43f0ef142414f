package dev.tandem.api.delivery;

/**
 * What a provider later reports about a message it accepted. Statuses only move forward: SENT, then
 * DELIVERED or FAILED.
 */
public enum ProviderStatus {
    SENT, DELIVERED, FAILED
}
