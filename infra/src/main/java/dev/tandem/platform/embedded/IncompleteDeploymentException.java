package dev.tandem.platform.embedded;

/**
 * The platform refuses to start on a configuration that is neither the embedded default nor a complete
 * external deployment ({@link PlatformModePostProcessor}); {@link IncompleteDeploymentFailureAnalyzer}
 * tells the operator what is wrong and what to set, without a stack trace.
 */
public class IncompleteDeploymentException extends IllegalStateException {

    private final String action;

    IncompleteDeploymentException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
