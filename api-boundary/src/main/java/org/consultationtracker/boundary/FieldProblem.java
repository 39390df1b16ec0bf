package org.consultationtracker.boundary;

/**
 * One rejected part of a request and the rule it broke. {@code field} is a body path such as
 * {@code rounds[0].startsAt}, {@code body} for the body as a whole, or the name of a path variable, query parameter or
 * header. The message states the rule; it never repeats the rejected value.
 */
public record FieldProblem(String field, String message) {
}
