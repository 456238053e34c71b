package io.commentdesk.comment;

/**
 * The fields of a submission, with the name each wire format gives them, so errors name a field
 * the way the client sent it: {@code authorName} from JavaScript, {@code author} from a WordPress form.
 */
public enum SubmissionField {
    ARTICLE_ID("articleId", "articleId"),
    AUTHOR_NAME("authorName", "author"),
    AUTHOR_EMAIL("authorEmail", "email"),
    AUTHOR_URL("authorUrl", "url"),
    CONTENT("content", "comment"),
    PARENT_ID("parentId", "comment_parent");

    private final String jsonName;
    private final String formName;

    SubmissionField(String jsonName, String formName) {
        this.jsonName = jsonName;
        this.formName = formName;
    }

    public String jsonName() {
        return jsonName;
    }

    public String formName() {
        return formName;
    }
}
