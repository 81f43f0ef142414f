package dev.tandem.api.family;

public enum DevicePlatform {
    ANDROID, IOS, WEB
}
