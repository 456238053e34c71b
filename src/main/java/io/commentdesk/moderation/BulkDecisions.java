package io.commentdesk.moderation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.commentdesk.identity.Moderator;
import io.commentdesk.moderation.Responses.BulkResult;
import io.commentdesk.moderation.Responses.Outcome;
import io.commentdesk.web.PlainText;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Applies a batch of decisions, each in its own transaction, so one stale or missing comment does
 * not undo the others; answers what happened to each.
 */
@ApplicationScoped
public class BulkDecisions {

    private final DecisionService decisions;

    BulkDecisions(DecisionService decisions) {
        this.decisions = decisions;
    }

    public List<BulkResult> apply(List<Requests.BulkItem> items, Moderator moderator) {
        List<BulkResult> results = new ArrayList<>(items.size());
        for (Requests.BulkItem item : items) {
            results.add(applyOne(item, moderator));
        }
        return results;
    }

    private BulkResult applyOne(Requests.BulkItem item, Moderator moderator) {
        if (!PlainText.Rule.holds(item.reason())) {
            return new BulkResult(item.id(), Outcome.INVALID, null, null, "The reason " + PlainText.MESSAGE + ".");
        }
        try {
            DecisionService.Result result = decisions.decide(item.id(), item.version(), item.action(), item.reason(), moderator);
            ModerationItem c = result.comment();
            return new BulkResult(item.id(), result.changed() ? Outcome.APPLIED : Outcome.UNCHANGED, c.status(), c.version(), null);
        } catch (ProblemException e) {
            Outcome outcome = e.type() == ProblemType.NOT_FOUND ? Outcome.NOT_FOUND : Outcome.CONFLICT;
            return new BulkResult(item.id(), outcome, null, null, e.getMessage());
        }
    }
}
