package dev.tandem.query.delivery;

import dev.tandem.query.ReadModelGroup;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The processing group of the delivery status rows. */
@Component
public final class DeliveriesGroup extends ReadModelGroup {

    public static final String NAME = "deliveries";

    /**
     * The shape of the stored delivery rows. 3: a family's erasure erases its carers' rows (a FamilyErased
     * taken before this was ignored).
     */
    public static final int VERSION = 3;

    DeliveriesGroup() {
        super(NAME, VERSION, Set.of("deliveries"));
    }
}
