package dev.tandem.api.common;

/**
 * A command was understood but a rule of the domain says no. The web edge answers it as problem+json:
 * {@link Reason#NOT_FOUND} as 404, {@link Reason#FORBIDDEN} as 403, {@link Reason#CONFLICT} as 409.
 * The message is written for the person who sent the request; it names no internals.
 */
public class RefusedException extends RuntimeException {

    public enum Reason { NOT_FOUND, FORBIDDEN, CONFLICT }

    private final Reason reason;
    private final String code;

    public RefusedException(Reason reason, String code, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
    }

    public static RefusedException notFound(String code, String message) {
        return new RefusedException(Reason.NOT_FOUND, code, message);
    }

    public static RefusedException forbidden(String code, String message) {
        return new RefusedException(Reason.FORBIDDEN, code, message);
    }

    public static RefusedException conflict(String code, String message) {
        return new RefusedException(Reason.CONFLICT, code, message);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }
}
