package org.kiezwerk.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.ZoneId;

@ConfigMapping(prefix = "kiezwerk.events")
public interface EventsConfig {

    /** The zone for events that do not name their own (an invalid zone id stops the start-up). */
    ZoneId defaultTimeZone();

    /**
     * Events read and written at a time in an iCalendar feed (about 300 KB of text per 500): the feed is
     * streamed, so a feed of the whole city holds one batch in memory, not every event.
     */
    @WithDefault("500")
    @Min(1)
    int feedBatch();

    /**
     * How many large iCalendar feeds (more than {@link #largeFeedSeries()} series: the whole city's is some
     * 100,000 series, seconds of CPU and tens of MB) are written at once; beyond it such a feed is answered 503 with
     * Retry-After. Feeds of a neighbourhood or a partner are not counted.
     */
    @WithDefault("2")
    @Min(1)
    int concurrentLargeFeeds();

    /** A feed of more series than this counts as large (a neighbourhood's two years are about 1,000). */
    @WithDefault("5000")
    int largeFeedSeries();
}
