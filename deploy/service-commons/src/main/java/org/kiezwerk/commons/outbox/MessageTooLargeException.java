package org.kiezwerk.commons.outbox;

/**
 * A message larger than the outbox accepts (the broker would refuse it). Each service answers it in
 * its own words (its AggregateTooLargeException says what one aggregate may hold).
 */
public class MessageTooLargeException extends RuntimeException {

    private final String aggregateType;
    private final int size;
    private final int limit;

    public MessageTooLargeException(String aggregateType, int size, int limit) {
        super("A " + aggregateType + " message of " + size + " characters is more than the " + limit + " the outbox accepts.");
        this.aggregateType = aggregateType;
        this.size = size;
        this.limit = limit;
    }

    public String aggregateType() {
        return aggregateType;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
