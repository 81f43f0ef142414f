package dev.tandem.query;

import java.util.Set;

/**
 * One query-side processing group as {@link ReadModelVersions} sees it: its name, the shape version its
 * read models are built to, and the Mongo collections they are kept in. Each group has one holder, a
 * Spring component of this type next to the projections that use the group, which also names the group
 * and the version as constants for {@code @ProcessingGroup}.
 *
 * <p>Raise the version in the same change that alters what the group stores: the next start then rebuilds
 * its collections from the event store (decision 0008). Never rename a group: its processors' positions
 * are stored under its name, so a new name replays it.
 */
public abstract class ReadModelGroup {

    private final String name;
    private final int version;
    private final Set<String> collections;

    protected ReadModelGroup(String name, int version, Set<String> collections) {
        this.name = name;
        this.version = version;
        this.collections = Set.copyOf(collections);
    }

    /** The processing group, as its projections name it in {@code @ProcessingGroup}. */
    public final String name() {
        return name;
    }

    /** The shape its read models are built to. */
    public final int version() {
        return version;
    }

    /** The Mongo collections its projections write (and drop on a reset). */
    public final Set<String> collections() {
        return collections;
    }

    @Override
    public String toString() {
        return name + " (version " + version + ")";
    }
}
