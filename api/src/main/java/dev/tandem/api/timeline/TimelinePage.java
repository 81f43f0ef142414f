package dev.tandem.api.timeline;

import java.util.List;

public record TimelinePage(List<TimelineEntry> entries, String next) {
}
