package dev.tandem.command.account;

import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.Role;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in credentials of staff and carers. Password hashes live only here, never in an event.
 * Command handlers register them inside the transaction that stores the registering event, so a
 * refused registration leaves no credential behind and a stored one always has its event.
 */
public interface CredentialStore {

    /** Registers a credential; refuses (409) a username someone already signs in with. */
    void register(String subjectId, String username, EncodedPassword password, Collection<Role> roles,
                  String settingId, String familyId);

    Optional<Credential> findByUsername(String username);

    /** Removes the credentials of these subjects (an erased family's carers): they can no longer sign in. */
    void remove(Collection<String> subjectIds);

    record Credential(String subjectId, String passwordHash, Set<Role> roles, String settingId,
                      String familyId) {

        @Override
        public String toString() {
            return "Credential[" + subjectId + "]";
        }
    }
}
