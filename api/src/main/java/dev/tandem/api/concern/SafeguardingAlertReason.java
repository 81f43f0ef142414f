package dev.tandem.api.concern;

/** Why a designated safeguarding lead was alerted: a concern was recorded, or it has waited 24 hours with no action. */
public enum SafeguardingAlertReason { NEW_CONCERN, OVERDUE }
