package io.commentdesk.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces a change in the transaction that makes it: PostgreSQL delivers the notice to every
 * listening replica when, and only if, the transaction commits; this replica applies it to its own
 * memory right after the commit.
 */
@ApplicationScoped
public class Announcer {

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean postgres;

    Announcer(EntityManager em, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.transactions = transactions;
        this.postgres = dbKind.startsWith("postgres");
    }

    /** Whether the database is PostgreSQL (several replicas, notices) rather than the embedded one. */
    public boolean postgres() {
        return postgres;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String channel, String payload, Runnable here) {
        if (postgres) {
            em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, channel).setParameter(2, payload).getSingleResult();
        }
        afterCommit(here);
    }

    /** Runs {@code action} once the current transaction has committed; never if it rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
