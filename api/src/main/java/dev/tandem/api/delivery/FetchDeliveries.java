package dev.tandem.api.delivery;

/** How the notifications about one update fared, one row per carer and channel tried. */
public record FetchDeliveries(String updateId) {
}
