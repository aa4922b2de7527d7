package org.kiezwerk.network.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.List;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;
import org.kiezwerk.network.graph.TieMessageFormat;

/**
 * A message on {@code kiezwerk.ties.v1} (docs/events.md, docs/schemas/tie-message.v1.schema.json): the
 * cooperation tie's full current state, as {@code GET /api/v1/network/ties/{id}} shows it to anyone, plus
 * the neighbourhood codes of both organisations (their areas and those above) for consumers that filter
 * by area. Ties are between organisations, whose names and areas the directory publishes; no person is in it.
 */
public final class TieMessage {

    public static final String TOPIC = "kiezwerk.ties.v1";
    public static final String SOURCE = "/network-service";

    /** A tie was asserted by one side (POST /ties); version 0. */
    public static final String ASSERTED = "org.kiezwerk.network.tie-asserted.v1";
    /** The other side confirmed it. */
    public static final String CONFIRMED = "org.kiezwerk.network.tie-confirmed.v1";
    /** It was given an end date (it stays as history). */
    public static final String ENDED = "org.kiezwerk.network.tie-ended.v1";
    /** It was deleted, or one of its organisations left the directory; a tombstone follows. */
    public static final String REMOVED = "org.kiezwerk.network.tie-removed.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TieMessage() {
    }

    /** The CloudEvents type of a tie change. */
    public static String type(TieChange change) {
        return switch (change) {
            case ASSERTED -> ASSERTED;
            case CONFIRMED -> CONFIRMED;
            case ENDED -> ENDED;
            case REMOVED -> REMOVED;
        };
    }

    /** The outbox writes each change's message in this format. */
    @Singleton
    public static final class Format implements TieMessageFormat {

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public String type(TieChange change) {
            return TieMessage.type(change);
        }

        @Override
        public String payload(Tie tie, List<String> fromNeighbourhoods, List<String> toNeighbourhoods) {
            return TieMessage.payload(tie, fromNeighbourhoods, toNeighbourhoods);
        }
    }

    /** The value: the tie and the areas of its two sides (codes, each organisation's own and those above them). */
    public static String payload(Tie tie, List<String> fromNeighbourhoods, List<String> toNeighbourhoods) {
        ObjectNode value = JSON.createObjectNode();
        value.put("id", tie.id().toString());
        value.put("from", tie.from().toString());
        value.put("fromName", tie.fromName());
        codes(value.putArray("fromNeighbourhoods"), fromNeighbourhoods);
        value.put("to", tie.to().toString());
        value.put("toName", tie.toName());
        codes(value.putArray("toNeighbourhoods"), toNeighbourhoods);
        value.put("kind", tie.kind());
        value.put("strength", tie.strength());
        value.put("since", tie.since() == null ? null : tie.since().toString());
        value.put("until", tie.until() == null ? null : tie.until().toString());
        value.put("assertedBy", tie.assertedBy().toString());
        value.put("confirmed", tie.confirmed());
        value.put("version", tie.version());
        return value.toString();
    }

    private static void codes(ArrayNode array, List<String> codes) {
        codes.stream().filter(c -> c != null && !c.isBlank()).distinct().sorted().forEach(array::add);
    }
}
