package dev.tandem.query.meeting;

import dev.tandem.query.ReadModelGroup;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The processing group of each setting's meeting list. */
@Component
public final class MeetingsGroup extends ReadModelGroup {

    public static final String NAME = "meetings";

    /**
     * The shape of the stored meetings. 2: a family's erasure erases its meetings' places (a FamilyErased
     * taken before this was ignored).
     */
    public static final int VERSION = 2;

    MeetingsGroup() {
        super(NAME, VERSION, Set.of("meetings"));
    }
}
