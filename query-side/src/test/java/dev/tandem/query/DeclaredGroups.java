package dev.tandem.query;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The query side's {@link ReadModelGroup} holders and {@link ReadModelVersions} as the application collects
 * them: its components of those two types, found by the same component scan, and nothing else of it.
 */
final class DeclaredGroups {

    private DeclaredGroups() {
    }

    static AnnotationConfigApplicationContext over(ReactiveMongoTemplate mongo) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(ReactiveMongoTemplate.class, () -> mongo);
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context);
        AssignableTypeFilter holder = new AssignableTypeFilter(ReadModelGroup.class);
        AssignableTypeFilter versions = new AssignableTypeFilter(ReadModelVersions.class);
        scanner.addExcludeFilter((reader, factory) -> !holder.match(reader, factory) && !versions.match(reader, factory));
        scanner.scan(QuerySideApplication.class.getPackageName());
        context.refresh();
        return context;
    }
}
