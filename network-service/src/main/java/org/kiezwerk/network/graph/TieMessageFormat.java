package org.kiezwerk.network.graph;

import java.util.List;
import org.kiezwerk.network.domain.Tie;
import org.kiezwerk.network.domain.TieChange;

/**
 * What a tie change says on the tie topic. The outbox stores the message with the change; the message's
 * contract belongs to the messaging room (TieMessage), which implements this.
 */
public interface TieMessageFormat {

    String topic();

    /** The CloudEvents type of the change. */
    String type(TieChange change);

    /** The value: the tie and the area codes of its two sides. */
    String payload(Tie tie, List<String> fromNeighbourhoods, List<String> toNeighbourhoods);
}
