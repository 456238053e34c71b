package io.commentdesk.web;

/**
 * Thrown when a request body cannot be read at all: broken JSON, invalid UTF-8, a broken form encoding.
 */
public class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String safeDetail) {
        // The detail is written by us and never contains submitted text.
        super(safeDetail, null, false, false);
    }
}
