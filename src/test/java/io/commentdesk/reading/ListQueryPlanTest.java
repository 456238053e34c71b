package io.commentdesk.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With 200,000 comments over 2,000 articles, PostgreSQL serves one article's page from the
 * (article, status, created_at) index instead of reading the table.
 */
@QuarkusTest
@TestProfile(ListQueryPlanTest.OwnTable.class)
class ListQueryPlanTest {

    /** A fresh schema, filled by the test. */
    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.reading.max-age", "5s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readsOneArticlesPageThroughTheArticleStatusCreatedIndex() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO comment (id, article_id, status, author_name, content, email_sealed, email_hash, created_at, updated_at)
                    SELECT g, 'article-' || (g % 2000), CASE WHEN g % 3 = 0 THEN 'PENDING' ELSE 'APPROVED' END, 'n',
                           repeat('x', 600), 'k1:x', repeat('0', 64), now() - g * interval '1 second', now()
                    FROM generate_series(1000000, 1199999) g""");
            st.execute("ANALYZE comment");
            String plan = plan(st, """
                    EXPLAIN SELECT * FROM comment WHERE article_id = 'article-7' AND status = 'APPROVED' AND parent_id IS NULL
                    ORDER BY created_at, id LIMIT 51""");
            assertThat(plan).contains("comment_article_status_created").doesNotContain("Seq Scan");
            String keyset = plan(st, """
                    EXPLAIN SELECT * FROM comment WHERE article_id = 'article-7' AND status = 'APPROVED' AND parent_id IS NULL
                    AND (created_at > now() - interval '1 day' OR (created_at = now() - interval '1 day' AND id > 5))
                    ORDER BY created_at, id LIMIT 51""");
            assertThat(keyset).contains("comment_article_status_created").doesNotContain("Seq Scan");
        }
    }

    /** The moderators' held queue (status=HELD and its count), 1 held in 500 pending: from the partial index V11 made. */
    @Test
    void servesTheHeldQueueFromItsPartialIndex() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO comment (id, article_id, status, author_name, content, email_sealed, email_hash, created_at, updated_at,
                                         hold_reasons)
                    SELECT g, 'held-article-' || (g % 500), 'PENDING', 'n', repeat('x', 600), 'k1:x', repeat('0', 64),
                           now() - g * interval '1 second', now(), CASE WHEN g % 500 = 0 THEN 'links: 3' END
                    FROM generate_series(2000000, 2099999) g""");
            st.execute("ANALYZE comment");
            String page = plan(st, """
                    EXPLAIN SELECT * FROM comment WHERE status = 'PENDING' AND hold_reasons IS NOT NULL
                    AND (created_at, id) > (now() - interval '1 day', 5) ORDER BY created_at, id LIMIT 51""");
            assertThat(page).contains("comment_held").doesNotContain("Seq Scan");
            String count = plan(st, "EXPLAIN SELECT count(*) FROM comment WHERE status = 'PENDING' AND hold_reasons IS NOT NULL");
            assertThat(count).contains("comment_held").doesNotContain("Seq Scan");
        }
    }

    private static String plan(Statement st, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
