package org.kiezwerk.network.graph;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Marks the city graph stale after every {@link ChangesTies} write, also a failed one (it may have committed). */
@ChangesTies
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class TieChangeWatch {

    @Inject
    CityGraph city;

    @AroundInvoke
    Object watch(InvocationContext call) throws Exception {
        city.writeStarts();
        try {
            return call.proceed();
        } finally {
            city.changed();
            city.writeEnds();
        }
    }
}
