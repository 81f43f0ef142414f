package dev.tandem.api.common;

/** The seven areas of learning and development of the Early Years Foundation Stage. */
public enum EyfsArea {
    COMMUNICATION_AND_LANGUAGE,
    PHYSICAL_DEVELOPMENT,
    PERSONAL_SOCIAL_AND_EMOTIONAL_DEVELOPMENT,
    LITERACY,
    MATHEMATICS,
    UNDERSTANDING_THE_WORLD,
    EXPRESSIVE_ARTS_AND_DESIGN
}
