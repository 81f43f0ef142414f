package dev.tandem.query;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.inbox.InboxProjection;
import dev.tandem.query.safeguarding.ConcernListProjection;
import dev.tandem.query.timeline.TimelineProjection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Every processing group of the query side is declared by one {@link ReadModelGroup} holder, as Spring
 * collects them, and every read model's collection by exactly one group: so {@link ReadModelVersions}
 * looks at each group and a raised version rebuilds each collection the group writes.
 */
class ReadModelGroupsTest {

    private final TestMongo mongo = new TestMongo();
    private final AnnotationConfigApplicationContext context = DeclaredGroups.over(mongo.template());
    private final Collection<ReadModelGroup> declared = context.getBeansOfType(ReadModelGroup.class).values();
    private final List<Class<?>> classes = QuerySideClasses.main();

    @AfterEach
    void tearDown() {
        context.close();
        mongo.close();
    }

    @Test
    void everyProcessingGroupOfTheQuerySideIsDeclaredByAHolder() {
        Set<String> names = names();
        Map<String, String> undeclared = new HashMap<>();
        for (Class<?> type : classesInAGroup()) {
            String group = type.getAnnotation(ProcessingGroup.class).value();
            if (!names.contains(group)) {
                undeclared.put(type.getName(), group);
            }
        }

        assertThat(classesInAGroup()).contains(TimelineProjection.class, InboxProjection.class, ViewLookups.class,
                ConcernListProjection.class);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void everyDeclaredGroupHasProjections() {
        Set<String> used = new TreeSet<>();
        classesInAGroup().forEach(type -> used.add(type.getAnnotation(ProcessingGroup.class).value()));

        assertThat(names()).isEqualTo(used);
    }

    @Test
    void everyReadModelCollectionIsDeclaredByExactlyOneGroup() {
        Set<String> stored = new TreeSet<>();
        for (Class<?> type : classes) {
            Document document = AnnotatedElementUtils.findMergedAnnotation(type, Document.class);
            if (document != null && !document.collection().equals("read_model_versions")) {
                stored.add(document.collection());
            }
        }
        List<String> declaredCollections = new ArrayList<>();
        declared.forEach(group -> declaredCollections.addAll(group.collections()));

        assertThat(stored).contains("timeline_entries", "directory_children", "deliveries", "safeguarding_concerns");
        assertThat(declaredCollections).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
    }

    /** A renamed group loses its position and replays; a lowered version would not rebuild a changed shape. */
    @Test
    void theGroupsKeepTheirNamesAndTheirVersionsNeverGoDown() {
        Map<String, Integer> versions = declared.stream().collect(toMap(ReadModelGroup::name, ReadModelGroup::version));

        assertThat(versions).containsOnlyKeys("family-views", "deliveries", "meetings", "safeguarding-concerns");
        assertThat(versions.get("family-views")).isGreaterThanOrEqualTo(4);
        assertThat(versions.get("deliveries")).isGreaterThanOrEqualTo(3);
        assertThat(versions.get("meetings")).isGreaterThanOrEqualTo(2);
        assertThat(versions.get("safeguarding-concerns")).isGreaterThanOrEqualTo(2);
    }

    private Set<String> names() {
        Set<String> names = new TreeSet<>();
        declared.forEach(group -> names.add(group.name()));
        return names;
    }

    private List<Class<?>> classesInAGroup() {
        return classes.stream().filter(type -> type.isAnnotationPresent(ProcessingGroup.class)).toList();
    }
}
