package dev.tandem.notifier.template;

import java.time.ZoneId;
import java.util.Map;

/**
 * What every message about an update says whoever it goes to: the nursery (and its time zone, for
 * dates), the child's first name (empty for an announcement), the author (null if unknown), and the
 * ids that travel with a push notification.
 */
public record About(String nursery, ZoneId timeZone, String childName, String author, Map<String, String> data) {

    public About {
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "About[" + data.get("updateId") + "]";
    }
}
