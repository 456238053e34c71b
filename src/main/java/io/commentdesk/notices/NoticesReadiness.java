package io.commentdesk.notices;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Part of readiness: a replica that does not hear the change notices answers from the database only,
 * slower, and says so; it is ready again by itself once its listener reconnects (within seconds of
 * the database being back).
 */
@Readiness
@ApplicationScoped
public class NoticesReadiness implements HealthCheck {

    private final Notices notices;

    NoticesReadiness(Notices notices) {
        this.notices = notices;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("change-notices").status(notices.hearing()).build();
    }
}
