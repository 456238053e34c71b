package io.commentdesk.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each path of the API takes, for the {@code Allow} header a 405 must carry (RFC 9110
 * 15.5.6), which Quarkus REST leaves out. Read once from the resource classes' own annotations, so
 * it never disagrees with the routes.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})*))?}");

    private record Route(Pattern path, Set<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root != null) {
                add(root.value(), bean.getBeanClass());
            }
        }
    }

    /** The {@code Allow} value for a raw request path, or null when no resource has it. */
    public String allowFor(String rawPath) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(rawPath).matches()) {
                methods.addAll(route.methods());
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    private void add(String rootPath, Class<?> type) {
        for (Method method : type.getMethods()) {
            String verb = verbOf(method);
            if (verb == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            String template = join(rootPath, sub == null ? "" : sub.value());
            Pattern path = Pattern.compile(regexOf(template));
            routes.stream().filter(r -> r.path().pattern().equals(path.pattern())).findFirst()
                    .ifPresentOrElse(r -> r.methods().add(verb), () -> routes.add(new Route(path, new TreeSet<>(Set.of(verb)))));
        }
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code /a/{id}} → {@code /a/[^/]+}; a parameter with its own regex keeps it; the rest is literal. */
    private static String regexOf(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start())));
            regex.append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return regex + "/?";
    }
}
