package io.commentdesk.comment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ids for new comments. {@code comment_id_seq} moves by 50: each value it gives reserves the block
 * [value, value + 49] for this replica, so a batch of comments costs one round trip per 50 ids at
 * most. Ids given by earlier versions (Hibernate's pooled blocks, which end at the value) all lie
 * below any value the sequence gives now. A block left unused at shutdown is a gap, never a clash.
 */
@ApplicationScoped
class CommentIds {

    static final int BLOCK = 50;

    private long next;
    private long end;

    /** The next id, drawing a new block on {@code connection} when this one is used up. */
    synchronized long next(Connection connection) throws SQLException {
        if (next == end) {
            try (Statement statement = connection.createStatement();
                    ResultSet value = statement.executeQuery("SELECT nextval('comment_id_seq')")) {
                value.next();
                next = value.getLong(1);
                end = next + BLOCK;
            }
        }
        return next++;
    }
}
