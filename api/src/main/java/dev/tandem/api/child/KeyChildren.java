package dev.tandem.api.child;

import java.util.List;

public record KeyChildren(List<Child> children) {

    public record Child(String id, String name, String familyId) {
    }
}
