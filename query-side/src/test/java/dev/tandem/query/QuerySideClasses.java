package dev.tandem.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/** The query side's own classes (its main code, not its tests), for tests that look at all of them. */
final class QuerySideClasses {

    private QuerySideClasses() {
    }

    /** Every concrete top-level or static nested class of the query side's main code. */
    static List<Class<?>> main() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        Object mainCode = QuerySideApplication.class.getProtectionDomain().getCodeSource().getLocation();
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tandem.query")) {
            Class<?> type = load(candidate.getBeanClassName());
            if (Objects.equals(type.getProtectionDomain().getCodeSource().getLocation(), mainCode)) {
                classes.add(type);
            }
        }
        return classes;
    }

    private static Class<?> load(String name) {
        try {
            return ClassUtils.forName(name, QuerySideClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
