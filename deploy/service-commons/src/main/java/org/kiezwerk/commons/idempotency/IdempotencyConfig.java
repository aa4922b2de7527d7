package org.kiezwerk.commons.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the first answer to an Idempotency-Key is kept (the conventions promise 24 hours at least). */
@ConfigMapping(prefix = "kiezwerk.idempotency")
public interface IdempotencyConfig {

    @WithDefault("48h")
    Duration retention();
}
