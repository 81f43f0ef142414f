package dev.tandem.platform.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why the platform refused its configuration, and what to set, as the start's last words. */
public class IncompleteDeploymentFailureAnalyzer extends AbstractFailureAnalyzer<IncompleteDeploymentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IncompleteDeploymentException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
