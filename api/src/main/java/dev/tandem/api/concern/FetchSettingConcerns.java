package dev.tandem.api.concern;

/** The concerns of a setting, for its designated safeguarding leads; {@code status} null for open and closed alike. */
public record FetchSettingConcerns(String settingId, ConcernStatus status) {
}
