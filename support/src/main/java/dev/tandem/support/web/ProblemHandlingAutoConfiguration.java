package dev.tandem.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

@AutoConfiguration
@Import(PlatformProblemHandler.class)
public class ProblemHandlingAutoConfiguration {
}
