package dev.tandem.api.common;

/** How a carer can be reached, in the order they prefer. APP is a push notification to their device. */
public enum Channel {
    APP, SMS, EMAIL
}
