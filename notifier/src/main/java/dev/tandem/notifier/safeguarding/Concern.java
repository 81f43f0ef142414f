package dev.tandem.notifier.safeguarding;

/**
 * A concern as the notifier knows it: ids only. The notifier never keeps a concern's text or category,
 * so they cannot end up in a message or a log line.
 */
record Concern(String id, String childId, String settingId) {
}
