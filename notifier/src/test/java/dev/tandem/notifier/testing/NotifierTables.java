package dev.tandem.notifier.testing;

import dev.tandem.support.testing.TestDatabase;

/** The notifier's own tables, emptied before each case that uses the shared test database. */
public final class NotifierTables {

    private NotifierTables() {
    }

    public static void clear() {
        TestDatabase.truncate("notifier_setting", "notifier_staff", "notifier_child", "notifier_carer",
                "notifier_device", "notifier_delivery", "notifier_restriction", "notifier_withdrawn",
                "notifier_deferred", "notifier_safeguarding_alert", "notifier_safeguarding_reminder",
                "notifier_message", "notifier_translation", "notifier_scheduled_task", "notifier_meeting_reminder");
    }
}
