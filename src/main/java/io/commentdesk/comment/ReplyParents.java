package io.commentdesk.comment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Whether a reply may hang under the comment it names. */
@ApplicationScoped
class ReplyParents {

    private final CommentRepository comments;
    private final ReplyConfig replies;

    ReplyParents(CommentRepository comments, ReplyConfig replies) {
        this.comments = comments;
        this.replies = replies;
    }

    /**
     * What is wrong with this parent, if anything. The parent is share-locked until the transaction
     * ends, so no decision can move it out of {@code APPROVED} before the reply is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Violation> problem(long parentId, String articleId) {
        // One answer for missing, pending, foreign and rejected parents: a reply form must not reveal
        // which comments exist in the queue.
        Optional<Comment> parent = comments.lockApprovedParent(parentId, articleId);
        if (parent.isEmpty()) {
            return Optional.of(new Violation(SubmissionField.PARENT_ID, "must be the id of an approved comment of this article"));
        }
        if (comments.depthOf(parent.get(), replies.maxDepth()) >= replies.maxDepth()) {
            return Optional.of(new Violation(SubmissionField.PARENT_ID,
                    "replies nest at most " + replies.maxDepth() + " levels deep; reply to a comment higher in the thread"));
        }
        return Optional.empty();
    }
}
