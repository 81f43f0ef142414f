package dev.tandem.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins are rationed, per account and per client address, with Bucket4j: a few may come
 * quickly, then each further try waits for the bucket to refill, and the hourly allowance makes the wait
 * grow for someone who keeps guessing. A throttled try is refused before the password is checked, the
 * same way for an account that exists and one that does not, so the throttle tells nothing about which
 * accounts exist. A right password within the allowance signs in, and clears that account's failures.
 * Each node keeps its own buckets (a password guesser spread over nodes gets each node's allowance).
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final Cache<String, Bucket> accounts = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();

    /** How long the caller must wait before trying again, if at all. */
    Optional<Duration> waitBefore(String username, String address) {
        long nanos = Math.max(wait(accounts.getIfPresent(account(username))), wait(addresses.getIfPresent(address)));
        if (nanos <= 0) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(nanos);
        log.warn("Sign-in throttled: account {} from address {} must wait {} s", pseudonym(account(username)),
                pseudonym(address), Math.max(1, wait.toSeconds()));
        return Optional.of(wait);
    }

    void failed(String username, String address) {
        accounts.get(account(username), key -> accountBucket()).tryConsume(1);
        addresses.get(address, key -> addressBucket()).tryConsume(1);
    }

    void succeeded(String username) {
        accounts.invalidate(account(username));
    }

    private static long wait(Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /** Five tries at once, then one every 12 seconds; at most twenty an hour. */
    private static Bucket accountBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(20).refillIntervally(20, Duration.ofHours(1)).build())
                .build();
    }

    /** A nursery's shared office connection may hold many staff: a wider allowance per address. */
    private static Bucket addressBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(30).refillGreedy(30, Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(200).refillIntervally(200, Duration.ofHours(1)).build())
                .build();
    }

    private static String account(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    /** A stable stand-in for an email address or IP address in the log: no personal data there. */
    private static String pseudonym(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
