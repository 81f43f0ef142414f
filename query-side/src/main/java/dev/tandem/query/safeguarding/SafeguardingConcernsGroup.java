package dev.tandem.query.safeguarding;

import dev.tandem.query.ReadModelGroup;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The processing group of the DSLs' concern lists, which no other read model shares: it alone receives
 * concerns, and its replays touch nothing else.
 */
@Component
public final class SafeguardingConcernsGroup extends ReadModelGroup {

    public static final String NAME = "safeguarding-concerns";

    /**
     * The shape of the stored concerns and of this group's child and staff lookups. 2: a family's erasure
     * erases its children's names and concerns here (a FamilyErased taken before this was ignored).
     */
    public static final int VERSION = 2;

    SafeguardingConcernsGroup() {
        super(NAME, VERSION, Set.of("safeguarding_concerns", "safeguarding_children", "safeguarding_staff"));
    }
}
