package io.commentdesk.comment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.commentdesk.article.ArticleService;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PreviewTokens;
import io.commentdesk.reading.ReadingConfig;
import io.commentdesk.moderation.AuditAction;
import io.commentdesk.moderation.AuditLog;
import io.commentdesk.moderation.Moderator;
import io.commentdesk.rules.Blocklist;
import io.commentdesk.rules.ContentRules;
import io.commentdesk.rules.RuleSettings;
import io.commentdesk.rules.SettingsService;
import io.commentdesk.rules.Idempotency;
import io.commentdesk.rules.RulesConfig;
import io.commentdesk.rules.SenderGates;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Takes a reader's submission into the moderation queue: validates it, seals the personal data and
 * stores it {@code PENDING}. Nothing is published here; a moderator or a rule decides later.
 */
@ApplicationScoped
public class SubmissionService {

    private final CommentRepository comments;
    private final SubmissionValidator validator;
    private final FieldCipher cipher;
    private final LookupHasher hasher;
    private final Clock clock;
    private final ArticleService articles;
    private final ReplyConfig replies;
    private final PreviewTokens previews;
    private final ReadingConfig reading;
    private final RulesConfig rules;
    private final SenderGates gates;
    private final Idempotency idempotency;
    private final Blocklist blocklist;
    private final SettingsService settings;
    private final AuditLog audit;
    private final ArticleRevisions revisions;

    /** The actor the audit names for what the rules decide. */
    private static final Moderator RULES = new Moderator("rules", false);

    SubmissionService(CommentRepository comments, SubmissionValidator validator, FieldCipher cipher, LookupHasher hasher,
            Clock clock, ArticleService articles, ReplyConfig replies, PreviewTokens previews, ReadingConfig reading,
            RulesConfig rules, SenderGates gates, Idempotency idempotency, Blocklist blocklist, SettingsService settings,
            AuditLog audit, ArticleRevisions revisions) {
        this.settings = settings;
        this.audit = audit;
        this.revisions = revisions;
        this.blocklist = blocklist;
        this.rules = rules;
        this.gates = gates;
        this.idempotency = idempotency;
        this.previews = previews;
        this.reading = reading;
        this.articles = articles;
        this.replies = replies;
        this.comments = comments;
        this.validator = validator;
        this.cipher = cipher;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * @throws InvalidSubmissionException listing every invalid field, the parent included
     * @throws io.commentdesk.web.ProblemException when the article does not take comments
     */
    @Transactional
    public SubmittedComment submit(CommentDraft draft, ClientInfo client, String idempotencyKey) {
        SubmissionValidator.Outcome outcome = validator.validate(draft);
        if (outcome.violations().stream().noneMatch(v -> v.field() == SubmissionField.ARTICLE_ID)) {
            articles.checkAcceptsComments(draft.articleId());
        }
        List<Violation> violations = new ArrayList<>(outcome.violations());
        Long parentId = outcome.parentId();
        if (parentId != null) {
            // One answer for missing, pending, foreign and rejected parents: a reply form must not reveal
            // which comments exist in the queue.
            Optional<Comment> parent = comments.lockApprovedParent(parentId, draft.articleId());
            if (parent.isEmpty()) {
                violations.add(new Violation(SubmissionField.PARENT_ID, "must be the id of an approved comment of this article"));
            } else if (comments.depthOf(parent.get(), replies.maxDepth()) >= replies.maxDepth()) {
                violations.add(new Violation(SubmissionField.PARENT_ID,
                        "replies nest at most " + replies.maxDepth() + " levels deep; reply to a comment higher in the thread"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSubmissionException(violations);
        }
        SubmissionValidator.Valid valid = outcome.submission();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

        boolean honeypotFilled = rules.honeypot().enabled() && draft.honeypot() != null && !draft.honeypot().isBlank();
        if (honeypotFilled && rules.honeypot().action() == RulesConfig.HoneypotAction.DROP) {
            // Configured to keep nothing from bots: answer exactly as for a stored comment, store nothing.
            long id = comments.nextId();
            return new SubmittedComment(id, valid.articleId(), valid.parentId(), CommentStatus.PENDING, valid.authorName(),
                    valid.authorUrl(), valid.content(), now, previews.issue(id, now.plus(reading.previewTtl())));
        }
        if (idempotencyKey != null) {
            Optional<Long> earlier = idempotency.claim(idempotencyKey, fingerprint(valid), now);
            if (earlier.isPresent()) {
                Comment first = comments.findById(earlier.get());
                return SubmittedComment.of(first, previews.issue(first.id, now.plus(reading.previewTtl())));
            }
        }
        String emailHash = hasher.emailHash(valid.authorEmail());
        String ipHash = client.ipAddress() == null ? null : hasher.ipHash(client.ipAddress());
        String contentHash = hasher.keyed("content", valid.content());
        CommentStatus status = CommentStatus.PENDING;
        List<String> reasons = new ArrayList<>();
        if (honeypotFilled) {
            // Looks like success to the bot; moderators see why it went to spam.
            status = CommentStatus.SPAM;
            reasons.add("honeypot");
        } else {
            blocklist.check(emailHash, client.ipAddress(), now);
            gates.pass(ipHash, emailHash, now);
            if (rules.duplicates().enabled() && comments.isDuplicate(valid.articleId(), valid.parentId(), emailHash, contentHash)) {
                throw new ProblemException(ProblemType.DUPLICATE_COMMENT,
                        "Duplicate comment detected; it looks as though you've already said that!");
            }
            RuleSettings tuned = settings.current();
            ContentRules.Verdict verdict = ContentRules.judge(tuned, valid.authorName(), valid.authorEmail(), valid.authorUrl(),
                    valid.content());
            reasons.addAll(verdict.reasons());
            if (verdict.spam()) {
                status = CommentStatus.SPAM;
            } else if (reasons.isEmpty() && tuned.trusted().enabled()
                    && comments.isTrusted(emailHash, tuned.trusted().minApproved())) {
                status = CommentStatus.APPROVED;
                reasons.add("trusted");
            }
        }

        Comment comment = new Comment();
        comment.articleId = valid.articleId();
        comment.parentId = valid.parentId();
        comment.status = status;
        comment.holdReasons = reasons.isEmpty() || status == CommentStatus.APPROVED ? null : String.join("\n", reasons);
        comment.ipHash = ipHash;
        comment.contentHash = contentHash;
        comment.authorName = valid.authorName();
        comment.authorUrl = valid.authorUrl();
        comment.content = valid.content();
        comment.emailSealed = cipher.seal(Purpose.EMAIL, valid.authorEmail());
        comment.emailHash = emailHash;
        comment.ipSealed = client.ipAddress() == null ? null : cipher.seal(Purpose.IP_ADDRESS, client.ipAddress());
        comment.userAgentSealed = client.userAgent() == null ? null : cipher.seal(Purpose.USER_AGENT, client.userAgent());
        comment.createdAt = now;
        comment.updatedAt = now;
        comments.persist(comment);
        if (!reasons.isEmpty()) {
            comments.flush();
            // The rules' verdict is on record like a moderator's, with its reasons.
            audit.record(comment.id, RULES, AuditAction.RULES, null, status, String.join(", ", reasons), null);
        }
        if (status == CommentStatus.APPROVED) {
            revisions.bump(comment.articleId);
        }
        if (idempotencyKey != null) {
            comments.flush();
            idempotency.remember(idempotencyKey, comment.id);
        }
        return SubmittedComment.of(comment, previews.issue(comment.id, now.plus(reading.previewTtl())));
    }


    /** What makes two submissions "the same body" for Idempotency-Key: every normalised field. */
    private static String fingerprint(SubmissionValidator.Valid v) {
        return String.join("\u0000", v.articleId(), v.authorName(), v.authorEmail(), String.valueOf(v.authorUrl()), v.content(),
                String.valueOf(v.parentId()));
    }
}
