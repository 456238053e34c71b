package io.commentdesk.article;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An article registered by an admin: whether, and until when, it takes comments. */
@Entity
@Table(name = "article")
public class Article {

    @Id
    @Column(name = "article_id")
    public String articleId;

    @Column(nullable = false)
    public String title;

    public String url;

    @Column(name = "comments_open", nullable = false)
    public boolean commentsOpen;

    @Column(name = "closes_at")
    public Instant closesAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
