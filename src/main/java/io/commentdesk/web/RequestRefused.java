package io.commentdesk.web;

/**
 * A request answered with a problem before any resource method saw it: a precheck's 413, 415 or 408, a
 * stopping replica's 503, the framework's own 415. Fired (synchronously, on the thread that answers) so
 * a feature that counts how its requests end can count these too, which its own code never meets.
 *
 * @param method the HTTP method
 * @param path   the raw request path, to be matched against the feature's own routes
 * @param status the status answered
 */
public record RequestRefused(String method, String path, int status) {
}
