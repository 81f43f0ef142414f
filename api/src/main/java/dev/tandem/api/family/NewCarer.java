package dev.tandem.api.family;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.QuietHours;
import java.util.List;

public record NewCarer(String carerId, String name, String relationship, String email, String phone,
                       EncodedPassword password, String preferredLanguage, List<Channel> channels,
                       QuietHours quietHours) {
}
