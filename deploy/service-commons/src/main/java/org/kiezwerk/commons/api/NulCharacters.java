package org.kiezwerk.commons.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses NUL characters wherever a caller can send text: the path, query parameters and JSON
 * strings. PostgreSQL cannot store them, so they used to end as a 500; now they are a 400 naming the
 * field, before any work is done.
 */
@Singleton
public class NulCharacters implements ObjectMapperCustomizer {

    public static final String MESSAGE = "must not contain NUL characters";

    @ServerRequestFilter(preMatching = true)
    public void refuseInPathAndQuery(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf('\0') >= 0) {
            throw new InvalidQueryException("path", MESSAGE);
        }
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw new InvalidQueryException(name.replace("\0", ""), MESSAGE);
            }
        });
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** Whether a JSON mapping failure is this guard's refusal. */
    public static boolean refused(InvalidFormatException e) {
        return e.getTargetType() == String.class && MESSAGE.equals(e.getOriginalMessage());
    }

    private static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
