package dev.tandem.api.concern;

public enum ConcernStatus { OPEN, CLOSED }
