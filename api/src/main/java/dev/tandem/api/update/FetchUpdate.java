package dev.tandem.api.update;

/**
 * One update as a timeline entry ({@link dev.tandem.api.timeline.TimelineEntry}), or no reply when the
 * reader may not see it. {@code familyId} is the reading carer's family and {@code viewerCarerId} the
 * carer: they get their family's entry unless they are barred from what it is about. Both null for
 * staff: one entry, an announcement's replies and acknowledgements of all its families together.
 */
public record FetchUpdate(String updateId, String familyId, String viewerCarerId) {
}
