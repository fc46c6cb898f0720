package io.nexus.server.web;

/**
 * One bad field of a request: its JSON path ({@code touchpoints[3].engagement_score}) and why it was refused;
 * immutable.
 *
 * @param field the field's path in snake_case as the client sent it
 * @param reason why it was refused
 */
public record FieldProblem(String field, String reason) {}
