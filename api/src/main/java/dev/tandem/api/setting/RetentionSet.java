package dev.tandem.api.setting;

import org.axonframework.serialization.Revision;

/**
 * The setting's retention rules: a family's records are erased {@code recordsYearsAfterLeaving} years after its
 * last child left; a child's safeguarding record when the child reaches {@code safeguardingUntilAge}.
 */
@Revision("1")
public record RetentionSet(String settingId, int recordsYearsAfterLeaving, int safeguardingUntilAge, String setBy) {
}
