package org.kiezwerk.commons.api;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most so many of one kind of answer at once (those streamed to the caller for as long as the caller reads, each
 * holding memory or a connection meanwhile): a place is taken or refused at once, never waited for, and given back
 * once however often it is closed (the answer's end and an abandoned connection may both close it).
 */
public final class Admission {

    /** A place taken; closing it gives it back. */
    public interface Place extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore places;

    public Admission(int places) {
        this.places = new Semaphore(Math.max(1, places));
    }

    /** A place, or empty when every place is taken. */
    public Optional<Place> enter() {
        if (!places.tryAcquire()) {
            return Optional.empty();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return Optional.of(() -> {
            if (open.compareAndSet(true, false)) {
                places.release();
            }
        });
    }
}
