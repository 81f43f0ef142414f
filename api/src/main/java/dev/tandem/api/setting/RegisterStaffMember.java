package dev.tandem.api.setting;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.Role;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterStaffMember(@TargetAggregateIdentifier String settingId, String staffId, String name,
                                  String email, EncodedPassword password, Set<Role> roles, Actor actor) {
}
