package org.kiezwerk.event.config;

import io.smallrye.config.ConfigMapping;
import java.time.ZoneId;

@ConfigMapping(prefix = "kiezwerk.events")
public interface EventsConfig {

    /** The zone for events that do not name their own (an invalid zone id stops the start-up). */
    ZoneId defaultTimeZone();
}
