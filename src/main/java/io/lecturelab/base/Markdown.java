package io.lecturelab.base;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
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
            .addAttributes(":all", "class")
            .addAttributes("a", "title")
            .addAttributes("th", "align")
            .addAttributes("td", "align")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private Markdown() {
    }

    public static String toSafeHtml(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
        return Jsoup.clean(html, SAFE);
    }
}
