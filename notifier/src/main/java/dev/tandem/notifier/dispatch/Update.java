package dev.tandem.notifier.dispatch;

/** The ids of something shared about a child that its family is to be told about. */
public record Update(String updateId, String childId, String familyId, String settingId) {
}
