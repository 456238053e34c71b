package io.commentdesk.article;

import java.util.regex.Pattern;

import io.commentdesk.web.InvalidInputException;

/**
 * What an article id is: the frontend CMS's own id, 1-200 letters, digits and {@code - _ . : /}.
 * Every feature that takes one (submissions, readers' lists, counts, the queue's filter, admins)
 * checks it here.
 */
public final class ArticleIds {

    public static final int MAX_LENGTH = 200;
    public static final String RULE = "must be 1-200 characters of letters, digits and - _ . : /";
    private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1," + MAX_LENGTH + "}");

    private ArticleIds() {
    }

    /** Whether a string is an article id as frontends' CMSs send them. */
    public static boolean isArticleId(String articleId) {
        return articleId != null && ARTICLE_ID.matcher(articleId).matches();
    }

    /**
     * @throws InvalidInputException naming {@code articleId} when it is not one
     */
    public static void require(String articleId) {
        if (!isArticleId(articleId)) {
            throw new InvalidInputException("articleId", RULE);
        }
    }
}
