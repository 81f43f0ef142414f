package dev.tandem.command.account;

import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Credentials kept in a map, with the same refusal as the real store for a username taken twice. */
public class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, Credential> byUsername = new HashMap<>();

    @Override
    public void register(String subjectId, String username, EncodedPassword password, Collection<Role> roles,
                         String settingId, String familyId) {
        String key = username.toLowerCase(Locale.ROOT);
        if (byUsername.containsKey(key)) {
            throw RefusedException.conflict("email-taken", "Someone already signs in with this email address.");
        }
        byUsername.put(key, new Credential(subjectId, password.value(), Set.copyOf(roles), settingId, familyId));
    }

    @Override
    public Optional<Credential> findByUsername(String username) {
        return Optional.ofNullable(byUsername.get(username.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void remove(Collection<String> subjectIds) {
        byUsername.values().removeIf(credential -> subjectIds.contains(credential.subjectId()));
    }

    public int size() {
        return byUsername.size();
    }
}
