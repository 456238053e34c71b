package io.commentdesk.article;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Registered articles, by their CMS id. */
@ApplicationScoped
public class ArticleRepository implements PanacheRepositoryBase<Article, String> {
}
