package dev.tandem.api.setting;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SettingCreated(String settingId, String name, String timeZone, String defaultLanguage,
                             String createdBy) {
}
