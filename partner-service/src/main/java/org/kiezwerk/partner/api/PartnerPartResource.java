package org.kiezwerk.partner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.kiezwerk.commons.api.Bodies;
import org.kiezwerk.commons.api.CallerRules;
import org.kiezwerk.commons.api.Conditions;
import org.kiezwerk.commons.api.Created;
import org.kiezwerk.commons.api.RequestId;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.commons.idempotency.IdempotentCreation;
import org.kiezwerk.partner.domain.Versioned;
import org.kiezwerk.partner.service.PartnerPartService;
import org.kiezwerk.partner.service.Saved;

/**
 * The one shape of the endpoints of a partner's parts (offers, resources): create with an
 * Idempotency-Key, read with an ETag, replace or create under an id, merge-patch, remove, each
 * write only by an editor of the partner it touches (the use case decides, given the caller as an
 * {@link org.kiezwerk.commons.domain.Editor}). The subclass keeps the JAX-RS methods and their
 * documentation and calls these.
 *
 * @param <T> the part
 * @param <C> its change as the service takes it
 * @param <D> its draft, the request body
 * @param <V> its view, the answer
 */
abstract class PartnerPartResource<T extends Versioned, C extends PartnerPartService.Change<T>, D, V> {

    /** How the endpoints of one kind of part turn bodies into changes and parts into answers. */
    record Part<T, C, D, V>(String path, String plural, Class<D> draftType, Function<T, D> draft, Function<D, C> change,
            Class<V> viewType, Function<T, V> view, Function<V, UUID> viewId, ToLongFunction<V> viewVersion) {
    }

    @Inject
    IdempotentCreation idempotent;

    @Inject
    Bodies bodies;

    @Inject
    RequestId requestId;

    @Inject
    SecurityIdentity identity;

    private final Part<T, C, D, V> part;

    PartnerPartResource(Part<T, C, D, V> part) {
        this.part = part;
    }

    abstract PartnerPartService<T, C> parts();

    Response created(String idempotencyKey, D draft) {
        C change = part.change().apply(draft);
        Editor by = CallerRules.editor(identity);
        parts().requireMayCreate(change, by); // before a replay of the key's stored answer, too
        IdempotentCreation.Answer<V> answer = idempotent.create(idempotencyKey, "POST " + part.path(), draft, part.viewType(),
                () -> part.view().apply(parts().create(change, by, requestId.value())));
        V view = answer.view();
        return Created.answer(part.path() + part.viewId().apply(view), part.viewVersion().applyAsLong(view), view,
                answer.replayed());
    }

    Response read(UUID id) {
        T found = parts().get(id);
        return Response.ok(part.view().apply(found)).tag(Conditions.etag(found.version)).build();
    }

    Response replaced(UUID id, String ifMatch, D draft) {
        C change = part.change().apply(draft);
        Saved<T> saved = parts().put(id, change, Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Created.saved(part.path() + id, saved.value().version, part.view().apply(saved.value()), saved.created());
    }

    Response patched(UUID id, String ifMatch, String patch) throws JsonProcessingException {
        Long expected = Conditions.expectedVersion(ifMatch);
        T current = parts().get(id);
        C change = part.change().apply(bodies.patched(part.draft().apply(current), patch, part.draftType()));
        Saved<T> saved = parts().put(id, change, expected != null && expected >= 0 ? expected : current.version,
                CallerRules.editor(identity), requestId.value());
        return Response.ok(part.view().apply(saved.value())).tag(Conditions.etag(saved.value().version)).build();
    }

    Response removed(UUID id, String ifMatch) {
        parts().remove(id, Conditions.expectedVersion(ifMatch), CallerRules.editor(identity), requestId.value());
        return Response.noContent().build();
    }
}
