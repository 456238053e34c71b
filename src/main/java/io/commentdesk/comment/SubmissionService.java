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

    SubmissionService(CommentRepository comments, SubmissionValidator validator, FieldCipher cipher, LookupHasher hasher,
            Clock clock, ArticleService articles, ReplyConfig replies, PreviewTokens previews, ReadingConfig reading) {
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
    public SubmittedComment submit(CommentDraft draft, ClientInfo client) {
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
        Comment comment = new Comment();
        comment.articleId = valid.articleId();
        comment.parentId = valid.parentId();
        comment.status = CommentStatus.PENDING;
        comment.authorName = valid.authorName();
        comment.authorUrl = valid.authorUrl();
        comment.content = valid.content();
        comment.emailSealed = cipher.seal(Purpose.EMAIL, valid.authorEmail());
        comment.emailHash = hasher.emailHash(valid.authorEmail());
        comment.ipSealed = client.ipAddress() == null ? null : cipher.seal(Purpose.IP_ADDRESS, client.ipAddress());
        comment.userAgentSealed = client.userAgent() == null ? null : cipher.seal(Purpose.USER_AGENT, client.userAgent());
        comment.createdAt = now;
        comment.updatedAt = now;
        comments.persist(comment);
        return SubmittedComment.of(comment, previews.issue(comment.id, now.plus(reading.previewTtl())));
    }

}
