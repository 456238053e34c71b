package io.commentdesk.personaldata;

/** How an erasure treats a commenter's comments. */
public enum ErasureMode {
    /** Keep the text under a configured name; remove the address (sealed and hashed), website, IP address and user agent. */
    ANONYMIZE,
    /** Remove the comments; replies of others stay, moved up to the nearest remaining ancestor. */
    DELETE
}
