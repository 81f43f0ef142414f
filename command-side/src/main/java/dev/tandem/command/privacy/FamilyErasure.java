package dev.tandem.command.privacy;

import dev.tandem.api.family.FamilyErased;
import java.util.Collection;
import java.util.List;

/**
 * Erases a family's personal data in the transaction of the command that erases it (decision 0014): the
 * keys of the family and of its carers, their sign-in, and the keys of its children who have no
 * safeguarding record; a child who has one keeps it until the setting's safeguarding age.
 */
public interface FamilyErasure {

    /** The rule that keeps a child's safeguarding record, as {@link FamilyErased.Retained} names it. */
    String SAFEGUARDING_RULE = "safeguardingUntilAge";
    /** IRMS guidance: a child protection record is kept until the child is 25. */
    int DEFAULT_SAFEGUARDING_UNTIL_AGE = 25;

    Result erase(String familyId, String settingId, Collection<String> carerIds);

    /**
     * What was erased ({@code erased}: the ids of the family, its carers and the children whose keys went),
     * the family's children, and the safeguarding records kept.
     */
    record Result(List<String> erased, List<String> childIds, List<FamilyErased.Retained> retained) {
    }
}
