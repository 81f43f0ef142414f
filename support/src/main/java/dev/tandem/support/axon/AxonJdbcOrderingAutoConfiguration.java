package dev.tandem.support.axon;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;

/**
 * Restores the order Axon's auto-configuration expects on Spring Boot 4. Axon 4.13 orders its JDBC
 * event store and its Spring transaction manager after Boot 3's class names, which Boot 4 moved;
 * without this, Axon decides before the DataSource and transaction manager exist and silently falls
 * back to no event store and no transactions. Declaring nothing but order, this sorts Boot's JDBC
 * auto-configuration before Axon's (see docs/decisions/0003-axon-4-on-spring-boot-4.md).
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {JdbcAutoConfiguration.class, TransactionAutoConfiguration.class})
public class AxonJdbcOrderingAutoConfiguration {
}
