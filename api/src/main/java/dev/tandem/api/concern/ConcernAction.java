package dev.tandem.api.concern;

/**
 * What a designated safeguarding lead did about a concern. {@link #CLOSED} ends the concern; after it only
 * {@link #REOPENED} is accepted.
 */
public enum ConcernAction { NOTED, DISCUSSED_WITH_FAMILY, REFERRED, MONITORING, CLOSED, REOPENED }
