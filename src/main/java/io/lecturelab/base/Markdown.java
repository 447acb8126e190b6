package io.lecturelab.base;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import java.util.List;

/**
 * Turns user-written Markdown into HTML that is safe to show to other users: CommonMark with GitHub tables and
 * autolinks, then an allow-list sanitiser so that no script, event handler or foreign markup survives. Math
 * ({@code $...$}, {@code $$...$$}) is left as text for the browser's math renderer.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("hr", "del", "s")
            .addAttributes("code", "class")
            .addAttributes("a", "title")
            .addAttributes("th", "align")
            .addAttributes("td", "align")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private Markdown() {
    }

    public static String toSafeHtml(String markdown) {
        return sanitize(toHtml(parse(markdown == null ? "" : markdown)));
    }

    /** The Markdown document, for renderers that treat some blocks specially (see the lecture renderer). */
    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** Unsafe HTML of one node; always pass the result through {@link #sanitize}. */
    public static String toHtml(Node node) {
        return RENDERER.render(node);
    }

    /**
     * Keeps only the allowed tags, attributes and link protocols. User-written {@code class} attributes survive only
     * on {@code code} (for the highlighter), so no user text can pose as the renderer's own elements.
     */
    public static String sanitize(String html) {
        return Jsoup.clean(html, SAFE);
    }
}
