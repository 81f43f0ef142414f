package dev.tandem.api.meeting;

public enum MeetingStatus { BOOKED, CANCELLED }
