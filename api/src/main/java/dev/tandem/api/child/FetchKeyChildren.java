package dev.tandem.api.child;

/** The children a staff member is key person of, by name. */
public record FetchKeyChildren(String staffId) {
}
