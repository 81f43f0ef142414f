package dev.tandem.notifier.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import com.twilio.exception.ApiException;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * The one table of what a provider's failure means (docs/decisions/0012):
 * <ul>
 *   <li><b>transient</b>: the provider is unavailable and did not take the message (HTTP 429 or 5xx,
 *       FCM UNAVAILABLE, INTERNAL or QUOTA_EXCEEDED, SMTP 4xx, a connection refused or never made).
 *       Tried again on the same channel, with backoff, until the retry window ends.</li>
 *   <li><b>permanent</b>: the provider refused this message and would again (Twilio 4xx such as 21211
 *       or 21610, FCM UNREGISTERED or INVALID_ARGUMENT, SMTP 5xx). The next channel is tried.</li>
 *   <li><b>unknown</b>: the request went out and no answer came back (a read timeout, a connection
 *       reset after sending, an answer that cannot be read). It may have been sent: never risked twice
 *       on the same channel; the next channel is tried.</li>
 * </ul>
 * Anything this table does not recognise is unknown, the cautious reading.
 */
public final class ProviderOutcomes {

    private static final Set<MessagingErrorCode> FCM_PERMANENT = Set.of(MessagingErrorCode.UNREGISTERED,
            MessagingErrorCode.INVALID_ARGUMENT, MessagingErrorCode.SENDER_ID_MISMATCH,
            MessagingErrorCode.THIRD_PARTY_AUTH_ERROR);
    private static final Set<MessagingErrorCode> FCM_TRANSIENT = Set.of(MessagingErrorCode.UNAVAILABLE,
            MessagingErrorCode.INTERNAL, MessagingErrorCode.QUOTA_EXCEEDED);
    private static final Set<ErrorCode> PLATFORM_TRANSIENT = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL,
            ErrorCode.RESOURCE_EXHAUSTED);
    private static final Set<ErrorCode> PLATFORM_UNKNOWN = Set.of(ErrorCode.DEADLINE_EXCEEDED, ErrorCode.UNKNOWN,
            ErrorCode.CANCELLED, ErrorCode.DATA_LOSS);

    private ProviderOutcomes() {
    }

    /** An HTTP answer: 429 and 5xx transient, any other 4xx permanent, anything else unknown. */
    public static Outcome httpStatus(int status) {
        if (status == 429 || status >= 500 && status <= 599) {
            return Outcome.TRANSIENT;
        }
        return status >= 400 && status <= 499 ? Outcome.PERMANENT : Outcome.UNKNOWN;
    }

    /**
     * Twilio: by HTTP status when the SDK kept it; otherwise the failure it wraps (an I/O error, or an
     * answer it could not parse, which may have been an acceptance). A Twilio error code with no status
     * is a refusal. The SDK's client here restores the status of a non-JSON error page
     * ({@code TwilioClients}).
     */
    public static Outcome twilio(Integer status, Integer code, Throwable cause) {
        if (status != null) {
            return httpStatus(status);
        }
        if (code != null) {
            return Outcome.PERMANENT;
        }
        if (cause instanceof JsonProcessingException) {
            return Outcome.UNKNOWN;
        }
        return cause == null ? Outcome.UNKNOWN : io(cause);
    }

    public static Outcome twilio(ApiException e) {
        return twilio(e.getStatusCode(), e.getCode(), e.getCause());
    }

    /**
     * FCM: its own error code first; then, for a call that got no answer, the I/O failure; then the
     * platform's error code and the HTTP status.
     */
    public static Outcome fcm(MessagingErrorCode code, ErrorCode platform, Integer httpStatus, Throwable cause) {
        if (code != null && FCM_PERMANENT.contains(code)) {
            return Outcome.PERMANENT;
        }
        if (code != null && FCM_TRANSIENT.contains(code)) {
            return Outcome.TRANSIENT;
        }
        if (httpStatus == null && ioCause(cause) != null) {
            return io(cause);
        }
        if (platform != null && PLATFORM_TRANSIENT.contains(platform)) {
            return Outcome.TRANSIENT;
        }
        if (platform != null && PLATFORM_UNKNOWN.contains(platform)) {
            return Outcome.UNKNOWN;
        }
        if (httpStatus != null) {
            return httpStatus(httpStatus);
        }
        return platform == null ? Outcome.UNKNOWN : Outcome.PERMANENT;
    }

    public static Outcome fcm(FirebaseMessagingException e) {
        Integer status = e.getHttpResponse() == null ? null : e.getHttpResponse().getStatusCode();
        return fcm(e.getMessagingErrorCode(), e.getErrorCode(), status, e.getCause());
    }

    /** An SMTP reply: 4xx transient (try again later), 5xx permanent, anything else unknown. */
    public static Outcome smtpReply(int code) {
        if (code >= 400 && code <= 499) {
            return Outcome.TRANSIENT;
        }
        return code >= 500 && code <= 599 ? Outcome.PERMANENT : Outcome.UNKNOWN;
    }

    /**
     * A mail sender's failure: the SMTP reply code it carries (on Angus's exceptions, possibly nested), or
     * the I/O failure underneath. Bad credentials are permanent: every message would fail alike.
     */
    public static Outcome mail(Throwable failure) {
        if (failure instanceof MailAuthenticationException) {
            return Outcome.PERMANENT;
        }
        Integer code = smtpReplyCode(failure);
        if (code != null) {
            return smtpReply(code);
        }
        for (Throwable underneath : underneath(failure)) {
            if (ioCause(underneath) != null) {
                return io(underneath);
            }
        }
        return Outcome.UNKNOWN;
    }

    /** Spring's sender keeps each message's failure apart from its cause. */
    private static Set<Throwable> underneath(Throwable failure) {
        Set<Throwable> all = new java.util.LinkedHashSet<>();
        all.add(failure);
        if (failure instanceof MailSendException send) {
            all.addAll(java.util.Arrays.asList(send.getMessageExceptions()));
        }
        return all;
    }

    /** The first SMTP reply code found in the failure or anything nested in it, or null. */
    public static Integer smtpReplyCode(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable top : underneath(failure)) {
            for (Throwable t = top; t != null && seen.add(t); t = next(t)) {
                int code = t instanceof SMTPSendFailedException e ? e.getReturnCode()
                        : t instanceof SMTPAddressFailedException e ? e.getReturnCode()
                        : t instanceof SMTPSenderFailedException e ? e.getReturnCode()
                        : -1;
                if (code > 0) {
                    return code;
                }
            }
        }
        return null;
    }

    /**
     * A socket failure: a connection that was never made (refused, no route, unknown host, a connect or
     * TLS handshake timeout) is transient, nothing having been sent; anything after the request went out
     * (a read timeout, a reset, a closed connection) is unknown.
     */
    public static Outcome io(Throwable failure) {
        Throwable io = ioCause(failure);
        if (io instanceof ConnectException || io instanceof NoRouteToHostException
                || io instanceof UnknownHostException || io instanceof ConnectTimeoutException
                || io instanceof SSLHandshakeException) {
            return Outcome.TRANSIENT;
        }
        if (io instanceof SocketTimeoutException timeout && timeout.getMessage() != null
                && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
            // HttpURLConnection and JavaMail say "Connect timed out": no connection, nothing sent
            return Outcome.TRANSIENT;
        }
        return Outcome.UNKNOWN;
    }

    /** The innermost I/O failure of the chain, or null if there is none. */
    private static Throwable ioCause(Throwable failure) {
        Throwable found = null;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t instanceof IOException) {
                found = t;
            }
        }
        return found;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof MessagingException m ? m.getNextException() : null;
    }
}
