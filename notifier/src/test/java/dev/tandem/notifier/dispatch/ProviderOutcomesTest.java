package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.MessagingErrorCode;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/** The classification table of provider outcomes (docs/decisions/0012), row by row. */
class ProviderOutcomesTest {

    @ParameterizedTest(name = "Twilio HTTP {0}, code {1}: {2}")
    @CsvSource(nullValues = "-", value = {
            "400, 21211, PERMANENT",
            "400, 21610, PERMANENT",
            "400, 21614, PERMANENT",
            "401, 20003, PERMANENT",
            "404, 20404, PERMANENT",
            "429, 20429, TRANSIENT",
            "500, 20500, TRANSIENT",
            "502, -, TRANSIENT",
            "503, -, TRANSIENT",
            "504, -, TRANSIENT",
            "-, 21211, PERMANENT"})
    void twilioByStatusAndCode(Integer status, Integer code, Outcome outcome) {
        assertThat(ProviderOutcomes.twilio(status, code, null)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "Twilio without a status, {0}")
    @MethodSource("twilioFailuresWithoutAnAnswer")
    void twilioWithoutAStatusByWhatItWraps(Throwable cause, Outcome outcome) {
        assertThat(ProviderOutcomes.twilio(null, null, cause)).isEqualTo(outcome);
    }

    static Object[][] twilioFailuresWithoutAnAnswer() {
        return new Object[][] {
                {new ConnectException("Connection refused"), Outcome.TRANSIENT},
                {new ConnectTimeoutException("Connect to 127.0.0.1:1 failed"), Outcome.TRANSIENT},
                {new UnknownHostException("api.twilio.invalid"), Outcome.TRANSIENT},
                {new NoRouteToHostException(), Outcome.TRANSIENT},
                {new SocketTimeoutException("Read timed out"), Outcome.UNKNOWN},
                {new SocketException("Connection reset"), Outcome.UNKNOWN},
                {new NoHttpResponseException("127.0.0.1:1 failed to respond"), Outcome.UNKNOWN},
                // an answer the SDK could not read may have been its acceptance
                {new JsonParseException(null, "Unexpected character"), Outcome.UNKNOWN},
                {null, Outcome.UNKNOWN}};
    }

    @ParameterizedTest(name = "FCM {0}")
    @CsvSource({
            "UNREGISTERED, NOT_FOUND, 404, PERMANENT",
            "INVALID_ARGUMENT, INVALID_ARGUMENT, 400, PERMANENT",
            "SENDER_ID_MISMATCH, PERMISSION_DENIED, 403, PERMANENT",
            "THIRD_PARTY_AUTH_ERROR, UNAUTHENTICATED, 401, PERMANENT",
            "UNAVAILABLE, UNAVAILABLE, 503, TRANSIENT",
            "INTERNAL, INTERNAL, 500, TRANSIENT",
            "QUOTA_EXCEEDED, RESOURCE_EXHAUSTED, 429, TRANSIENT"})
    void fcmByItsOwnErrorCode(MessagingErrorCode code, ErrorCode platform, int status, Outcome outcome) {
        assertThat(ProviderOutcomes.fcm(code, platform, status, null)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "FCM platform error {0} without an FCM code")
    @CsvSource(nullValues = "-", value = {
            "UNAVAILABLE, 503, TRANSIENT",
            "INTERNAL, 500, TRANSIENT",
            "RESOURCE_EXHAUSTED, 429, TRANSIENT",
            "PERMISSION_DENIED, 403, PERMANENT",
            "UNAUTHENTICATED, 401, PERMANENT",
            "NOT_FOUND, 404, PERMANENT",
            "UNKNOWN, 502, UNKNOWN",
            "DEADLINE_EXCEEDED, -, UNKNOWN"})
    void fcmByThePlatformsErrorCode(ErrorCode platform, Integer status, Outcome outcome) {
        assertThat(ProviderOutcomes.fcm(null, platform, status, null)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "FCM with no answer, {0}")
    @MethodSource("fcmFailuresWithoutAnAnswer")
    void fcmWithoutAnAnswerByTheSocketFailure(Throwable cause, ErrorCode platform, Outcome outcome) {
        assertThat(ProviderOutcomes.fcm(null, platform, null, cause)).isEqualTo(outcome);
    }

    static Object[][] fcmFailuresWithoutAnAnswer() {
        return new Object[][] {
                {new ConnectException("Connection refused"), ErrorCode.UNAVAILABLE, Outcome.TRANSIENT},
                // HttpURLConnection's words for a connection never made
                {new SocketTimeoutException("Connect timed out"), ErrorCode.DEADLINE_EXCEEDED, Outcome.TRANSIENT},
                {new SocketTimeoutException("Read timed out"), ErrorCode.DEADLINE_EXCEEDED, Outcome.UNKNOWN},
                {new IOException("Premature EOF"), ErrorCode.UNKNOWN, Outcome.UNKNOWN}};
    }

    @ParameterizedTest(name = "SMTP {0}")
    @CsvSource({"421, TRANSIENT", "450, TRANSIENT", "451, TRANSIENT", "452, TRANSIENT",
            "550, PERMANENT", "551, PERMANENT", "552, PERMANENT", "553, PERMANENT", "554, PERMANENT",
            "250, UNKNOWN"})
    void smtpByReplyCode(int code, Outcome outcome) {
        assertThat(ProviderOutcomes.smtpReply(code)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "mail sender failing with {0}")
    @MethodSource("mailFailures")
    void mailByTheReplyOrSocketFailureItCarries(Exception failure, Outcome outcome) {
        assertThat(ProviderOutcomes.mail(failure)).isEqualTo(outcome);
    }

    static Object[][] mailFailures() throws Exception {
        InternetAddress anna = new InternetAddress("anna@example.org");
        SendFailedException rejected = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(anna, "RCPT TO:<anna@example.org>", 550, "550 5.1.1 unknown"));
        return new Object[][] {
                {new MailSendException(Map.of(new Object(), new SMTPSendFailedException("MAIL FROM", 421,
                        "421 4.3.2 Service not available", null, null, null, null))), Outcome.TRANSIENT},
                {new MailSendException(Map.of(new Object(), rejected)), Outcome.PERMANENT},
                {new MailSendException(Map.of(new Object(), new SMTPSendFailedException("DATA", 452,
                        "452 4.3.1 Insufficient system storage", null, null, null, null))), Outcome.TRANSIENT},
                {new MailSendException("Mail server connection failed",
                        new MessagingException("Couldn't connect to host", new ConnectException("refused"))),
                        Outcome.TRANSIENT},
                {new MailSendException(Map.of(new Object(), new MessagingException("Exception reading response",
                        new SocketTimeoutException("Read timed out")))), Outcome.UNKNOWN},
                {new MailAuthenticationException("535 5.7.8 bad credentials"), Outcome.PERMANENT},
                {new MailSendException("something else"), Outcome.UNKNOWN}};
    }

    @ParameterizedTest(name = "HTTP {0}")
    @EnumSource(value = Outcome.class, names = "ACCEPTED", mode = EnumSource.Mode.EXCLUDE)
    void everyFailureOutcomeIsReachedByAnHttpStatusOrNot(Outcome outcome) {
        int status = switch (outcome) {
            case TRANSIENT -> 503;
            case PERMANENT -> 400;
            default -> 302;
        };
        assertThat(ProviderOutcomes.httpStatus(status)).isEqualTo(outcome);
    }
}
