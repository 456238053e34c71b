package io.commentdesk.comment;

/** The page a form post without JavaScript lands on when there is no allowed page to send the reader back to. */
final class AwaitingModerationPage {

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Comment received</title>
            </head>
            <body>
            <h1>Thank you</h1>
            <p>Your comment is awaiting moderation. It will appear under the article once a moderator approves it.</p>
            <p>Use your browser's Back button to return to the article.</p>
            </body>
            </html>
            """;

    private AwaitingModerationPage() {
    }
}
