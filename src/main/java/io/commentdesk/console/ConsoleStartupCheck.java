package io.commentdesk.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The development key is public: a production replica that would sign tokens with it for anyone who asks
 * (the development sign-in) refuses to start, saying what to use instead.
 */
@ApplicationScoped
public class ConsoleStartupCheck {

    void check(@Observes StartupEvent event, ConsoleConfig config) {
        if (LaunchMode.current() != LaunchMode.NORMAL || !ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        if (config.devSignIn()) {
            throw new IllegalStateException("COMMENTS_CONSOLE_DEV_SIGN_IN is for the embedded profile only: anyone could sign in "
                    + "as an admin. Sign moderators in through your identity provider (COMMENTS_CONSOLE_OIDC_ISSUER).");
        }
    }
}
