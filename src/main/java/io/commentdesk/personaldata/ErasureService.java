package io.commentdesk.personaldata;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.identity.Moderator;
import io.commentdesk.privacy.LookupHasher;

/**
 * Erases an address from everything kept about it, in bounded transactions ({@link ErasureBatch}):
 * afterwards no comment, rule (flood gate, duplicate, trusted count, idempotency record) or export
 * knows it. A blocklist entry for the address stays: it holds only a hash, and it is the admins' decision.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ErasureBatch batch;
    private final LookupHasher hasher;
    private final AuditLog audit;
    private final EntityManager em;

    ErasureService(ErasureBatch batch, LookupHasher hasher, AuditLog audit, EntityManager em) {
        this.batch = batch;
        this.hasher = hasher;
        this.audit = audit;
        this.em = em;
    }

    /** Erases the (normalised) address; how many comments it anonymised or deleted. Twice: 0 the second time. */
    public int erase(String email, ErasureMode mode, Moderator admin) {
        // Under every hash key lookups accept: while a hash key is rotated, a comment is hashed with either.
        List<String> hashes = hasher.emailHashes(email);
        int total = 0;
        for (int done = batch.next(hashes, mode, admin); done > 0; done = batch.next(hashes, mode, admin)) {
            total += done;
        }
        finish(hashes, mode, total, admin);
        LOG.infof("Erasure (%s) by %s: %d comments", mode, admin.name(), total);
        return total;
    }

    @Transactional
    void finish(List<String> hashes, ErasureMode mode, int total, Moderator admin) {
        em.createNativeQuery("DELETE FROM sender_gate WHERE sender_key IN (:keys)").setParameter("keys", hashes).executeUpdate();
        audit.recordAboutAddress(hashes.get(0), admin, AuditAction.ERASE, "mode=" + mode + " comments=" + total);
    }
}
