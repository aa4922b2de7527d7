package org.kiezwerk.event.domain;

import java.util.List;

/** A well-formed event that breaks a rule or names unknown partners: a 422 with one entry per field. */
public class InvalidEventException extends RuntimeException {

    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidEventException(List<FieldProblem> problems) {
        super(problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public InvalidEventException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
