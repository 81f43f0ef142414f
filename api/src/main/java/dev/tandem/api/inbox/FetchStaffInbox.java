package dev.tandem.api.inbox;

/** What carers have written to a staff member, newest first. */
public record FetchStaffInbox(String staffId) {
}
