package dev.tandem.support.web;

/** One bad field of a request, as listed under {@code errors} in a 400 problem+json answer. */
public record FieldProblem(String field, String message) {
}
