package io.commentdesk.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.commons.validator.routines.UrlValidator;

import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Registers articles and answers, for each submission, whether its article takes comments now
 * (from {@link KnownArticles}, without a database read when the replica knows the article).
 */
@ApplicationScoped
public class ArticleService {

    private static final UrlValidator URLS = new UrlValidator(new String[] { "http", "https" }, UrlValidator.ALLOW_LOCAL_URLS);
    private static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REJECTED", "SPAM");

    private final ArticleRepository articles;
    private final KnownArticles known;
    private final ArticleConfig config;
    private final EntityManager em;
    private final Clock clock;

    ArticleService(ArticleRepository articles, KnownArticles known, ArticleConfig config, EntityManager em, Clock clock) {
        this.articles = articles;
        this.known = known;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    /** @return {@code true} when the article was new */
    @Transactional
    public boolean register(String articleId, RegisterArticle body) {
        String url = body.url() == null || body.url().isBlank() ? null : body.url().trim();
        if (url != null && !URLS.isValid(url)) {
            throw new InvalidInputException("url", "must be a valid http or https URL");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Article article = articles.findById(articleId);
        boolean created = article == null;
        if (created) {
            article = new Article();
            article.articleId = articleId;
            article.createdAt = now;
        }
        article.title = body.title().strip();
        article.url = url;
        article.commentsOpen = body.commentsOpen();
        article.closesAt = body.closesAt() == null ? null : body.closesAt().truncatedTo(ChronoUnit.MICROS);
        article.updatedAt = now;
        if (created) {
            articles.persist(article);
        }
        known.changed(articleId);
        return created;
    }

    @Transactional
    public Optional<ArticleView> find(String articleId) {
        return articles.findByIdOptional(articleId).map(this::view);
    }

    /**
     * Why this article takes no comment now, if so: 403 when it is closed to comments, 404 when
     * registration is required and it is not registered. Returned, not thrown, so one refused
     * submission does not fail the batch it is stored with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ProblemException> refusal(String articleId) {
        KnownArticles.Terms terms = known.terms(articleId);
        if (!terms.registered()) {
            return config.requireRegistration()
                    ? Optional.of(new ProblemException(ProblemType.NOT_FOUND, "This article is not registered for comments."))
                    : Optional.empty();
        }
        if (!acceptsComments(terms.commentsOpen(), terms.closesAt(), terms.createdAt(), clock.instant())) {
            return Optional.of(new ProblemException(ProblemType.COMMENTS_CLOSED, "Comments are closed on this article."));
        }
        return Optional.empty();
    }

    /** The article's registered page, when it has one: a place a form post may return to. */
    public Optional<URI> registeredUrl(String articleId) {
        Article article = articles.findById(articleId);
        if (article == null || article.url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(article.url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether two URLs name the same page (ignoring fragment and host case). */
    public static boolean sameDocument(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && a.getPort() == b.getPort()
                && java.util.Objects.equals(a.getRawPath(), b.getRawPath())
                && java.util.Objects.equals(a.getRawQuery(), b.getRawQuery());
    }

    private Instant effectiveClosesAt(Instant closesAt, Instant createdAt) {
        Instant byAge = config.closeAfterDays().map(days -> createdAt.plus(Duration.ofDays(days))).orElse(null);
        if (closesAt == null) {
            return byAge;
        }
        return byAge == null || closesAt.isBefore(byAge) ? closesAt : byAge;
    }

    private boolean acceptsComments(boolean open, Instant closesAt, Instant createdAt, Instant now) {
        Instant effective = effectiveClosesAt(closesAt, createdAt);
        return open && (effective == null || now.isBefore(effective));
    }

    private ArticleView view(Article article) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        List<Object[]> rows = em.createQuery(
                "select c.status, count(c) from Comment c where c.articleId = :article group by c.status", Object[].class)
                .setParameter("article", article.articleId)
                .getResultList();
        rows.forEach(row -> counts.put(row[0].toString(), (Long) row[1]));
        return new ArticleView(article.articleId, article.title, article.url, article.commentsOpen,
                effectiveClosesAt(article.closesAt, article.createdAt),
                acceptsComments(article.commentsOpen, article.closesAt, article.createdAt, clock.instant()), counts, article.createdAt, article.updatedAt, article.version);
    }
}
