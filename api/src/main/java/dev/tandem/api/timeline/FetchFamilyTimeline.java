package dev.tandem.api.timeline;

/**
 * A page of a family's timeline, newest first. {@code before} is the cursor from the previous page's
 * {@code next}, or null for the first page. As a subscription query its updates are single entries.
 * {@code viewerCarerId} is the carer reading (null for staff): entries about a child they are
 * restricted from are left out for them.
 */
public record FetchFamilyTimeline(String familyId, int limit, String before, String viewerCarerId) {
}
