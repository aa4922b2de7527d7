package org.kiezwerk.partner.domain;

import java.util.List;

/** The body is well-formed but names things that do not exist or do not fit: a 422 with one entry per field. */
public class InvalidReferenceException extends RuntimeException {

    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidReferenceException(List<FieldProblem> problems) {
        super(problems.size() + " invalid reference(s)");
        this.problems = List.copyOf(problems);
    }

    public InvalidReferenceException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
