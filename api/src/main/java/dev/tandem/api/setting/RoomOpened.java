package dev.tandem.api.setting;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RoomOpened(String settingId, String roomId, String name, String openedBy) {
}
