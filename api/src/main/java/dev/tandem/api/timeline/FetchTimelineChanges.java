package dev.tandem.api.timeline;

/**
 * What changed in a family's timeline after a position of its live stream, for a stream that resumes
 * ({@code Last-Event-ID}). {@code after} is an event id the stream gave out; null asks for nothing but
 * the current position (a stream opened afresh starts from now). An id the read model does not know
 * (another store's, or one from before a restore) asks for every change from the start, since what the
 * reader missed cannot be told. {@code viewerCarerId} is the carer reading (null for staff): what they
 * are barred from is left out, as in the timeline.
 */
public record FetchTimelineChanges(String familyId, String after, String viewerCarerId) {
}
