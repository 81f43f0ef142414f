package dev.tandem.api.concern;

public enum ConcernCategory { INJURY, DISCLOSURE, BEHAVIOUR_CHANGE, NEGLECT, ATTENDANCE, OTHER }
