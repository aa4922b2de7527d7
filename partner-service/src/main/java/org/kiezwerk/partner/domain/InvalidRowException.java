package org.kiezwerk.partner.domain;

import java.util.List;

/** An import row that cannot become a partner; the job records each problem and goes on. */
public class InvalidRowException extends RuntimeException {

    private final List<InvalidReferenceException.FieldProblem> problems;

    public InvalidRowException(List<InvalidReferenceException.FieldProblem> problems) {
        super(problems.size() + " problem(s) in the row");
        this.problems = List.copyOf(problems);
    }

    public List<InvalidReferenceException.FieldProblem> problems() {
        return problems;
    }
}
